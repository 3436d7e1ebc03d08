/**
 * One polite GET to an allowed site, with node-fetch: the scraper's User-Agent on every request, a
 * time limit, a size limit, and redirects followed by hand only within the same origin (a site may move
 * a page, but cannot send the scraper to another host). It answers the status and the text; what a
 * status means (retry or give up) is the caller's decision.
 */
import type { Readable } from "node:stream";
import fetch, { type Response } from "node-fetch";
import { PageFetchError, PageUnavailableError } from "./errors";

/** How to ask: who is asking, and how long and how much to wait for. */
export interface SiteFetchOptions {
  /** Sent as `User-Agent`: how the scraper introduces itself. */
  userAgent: string;
  /** Give up after this long, redirects included. */
  timeoutMs: number;
  /** The `Accept` header. @defaultValue `text/html` */
  accept?: string;
  /** Read at most this many bytes of the body. @defaultValue 2 MiB */
  maxBytes?: number;
  /** Aborts the request (the job's signal: its timeout or a stop). @defaultValue none */
  signal?: AbortSignal;
}

/** What a site answered. */
export interface SiteResponse {
  /** Where the answer finally came from, after same-origin redirects. */
  url: string;
  status: number;
  /** The media type, lower case without parameters, e.g. `text/html`. */
  mediaType: string;
  /** The body, decoded with the charset it declared (UTF-8 if none). */
  text: string;
}

const MAX_REDIRECTS = 5;
const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/**
 * GETs `url`. Throws `PageFetchError` when the site could not be reached this time (timeout, refused
 * connection), `PageUnavailableError` for an off-site redirect, too many redirects or a body that is
 * too large, and the signal's reason when `signal` aborted it.
 */
export async function fetchFromSite(url: string, options: SiteFetchOptions): Promise<SiteResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let current = new URL(url);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(current.href, {
        redirect: "manual",
        signal,
        headers: { "User-Agent": options.userAgent, Accept: options.accept ?? "text/html" },
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        response.body?.resume();
        const target = new URL(location, current);
        if (target.origin !== current.origin) throw new PageUnavailableError(url, `redirected to another site (${target.origin}); not followed`);
        if (redirects >= MAX_REDIRECTS) throw new PageUnavailableError(url, `redirected more than ${MAX_REDIRECTS} times`);
        current = target;
        continue;
      }
      return { url: current.href, status: response.status, ...(await readBody(url, response, options.maxBytes ?? DEFAULT_MAX_BYTES)) };
    }
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    if (timeout.aborted) throw new PageFetchError(url, `did not answer within ${options.timeoutMs / 1000} s`, { cause: error });
    if (error instanceof PageFetchError || error instanceof PageUnavailableError) throw error;
    const reason = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new PageFetchError(url, `could not be fetched (${reason})`, { cause: error });
  }
}

async function readBody(url: string, response: Response, maxBytes: number): Promise<Omit<SiteResponse, "url" | "status">> {
  const contentType = response.headers.get("content-type") ?? "";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      (response.body as Readable | null)?.destroy(); // node-fetch's body is a Node stream: stop downloading
      throw new PageUnavailableError(url, `is larger than ${maxBytes} bytes, the most the scraper reads`);
    }
    chunks.push(chunk as Buffer);
  }
  return {
    mediaType: contentType.split(";")[0]?.trim().toLowerCase() ?? "",
    text: decode(Buffer.concat(chunks), /charset=["']?([\w-]+)/i.exec(contentType)?.[1]),
  };
}

/** Decodes with the declared charset, or UTF-8 when there is none or Node does not know it. */
function decode(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
