/**
 * Fetches one web page for the word counter, with node-fetch, defensively: a time limit, a size limit,
 * HTML or plain text only, and redirects followed by hand so that every hop passes the URL policy again
 * (a fixture page may not redirect the counter to another host). In production mode connections go
 * through `publicOnlyLookup`, so a host resolving to a private address is refused at connect time.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { Readable } from "node:stream";
import fetch, { type Response } from "node-fetch";
import { PageFetchError } from "./errors";
import { publicOnlyLookup } from "./public-address";
import { checkPageUrl, type UrlPolicy } from "./url-policy";

export interface FetchPageOptions {
  /** Give up on a page after this long, redirects included. @defaultValue 10000 ms */
  timeoutMs?: number;
  /** Refuse pages larger than this many bytes. @defaultValue 2 MiB */
  maxBytes?: number;
  /** Follow at most this many redirects. @defaultValue 5 */
  maxRedirects?: number;
  /** Aborts the fetch (the job's signal: its timeout or a stop). @defaultValue none */
  signal?: AbortSignal;
}

/** A fetched page. */
export interface FetchedPage {
  /** Where the page was finally found, after redirects. */
  url: string;
  /** Its media type: `text/html`, `application/xhtml+xml` or `text/plain`. */
  mediaType: string;
  /** Its text, decoded with the charset it declared (UTF-8 if none). */
  body: string;
}

const COUNTABLE_TYPES = ["text/html", "application/xhtml+xml", "text/plain"];
const USER_AGENT = "rqts-long-tasks/0.1 (word counter example; https://github.com/rqts)";

// Agents whose connections may only reach public addresses (production mode).
const publicAgents = {
  "http:": new HttpAgent({ lookup: publicOnlyLookup }),
  "https:": new HttpsAgent({ lookup: publicOnlyLookup }),
};

/** Fetches `url` under `policy`; throws `PageFetchError` saying what was wrong with the page. */
export async function fetchPage(url: URL, policy: UrlPolicy, options: FetchPageOptions = {}): Promise<FetchedPage> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(current.href, {
        redirect: "manual",
        signal,
        headers: { "User-Agent": USER_AGENT, Accept: "text/html, text/plain;q=0.9" },
        agent: (target: URL) => (policy.mode === "production" ? publicAgents[target.protocol as "http:" | "https:"] : undefined),
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        response.body?.resume();
        if (redirects >= (options.maxRedirects ?? 5)) throw new PageFetchError(url.href, `redirected more than ${options.maxRedirects ?? 5} times`);
        const target = new URL(location, current).href;
        try {
          current = checkPageUrl(target, policy);
        } catch (refusal) {
          throw new PageFetchError(current.href, `redirected to ${target}, which is refused: ${(refusal as Error).message}`);
        }
        continue;
      }
      return { url: current.href, ...(await readCountable(current.href, response, options.maxBytes ?? 2 * 1024 * 1024)) };
    }
  } catch (error) {
    if (timeout.aborted && !options.signal?.aborted) throw new PageFetchError(current.href, `did not answer within ${timeoutMs / 1000} s`, { cause: error });
    if (options.signal?.aborted) throw options.signal.reason;
    if (error instanceof PageFetchError) throw error;
    const reason = (error as { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new PageFetchError(current.href, `could not be fetched (${reason})`, { cause: error });
  }
}

async function readCountable(url: string, response: Response, maxBytes: number): Promise<Omit<FetchedPage, "url">> {
  if (!response.ok) {
    response.body?.resume();
    throw new PageFetchError(url, `answered HTTP ${response.status} ${response.statusText}`.trim());
  }
  const contentType = response.headers.get("content-type") ?? "";
  const mediaType = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!COUNTABLE_TYPES.includes(mediaType)) {
    response.body?.resume();
    throw new PageFetchError(url, `is ${mediaType || "of no declared type"}, not a web page (HTML or plain text)`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      (response.body as Readable | null)?.destroy(); // node-fetch's body is a Node stream; stop downloading
      throw new PageFetchError(url, `is larger than ${maxBytes} bytes, the most the counter reads`);
    }
    chunks.push(chunk as Buffer);
  }
  return { mediaType, body: decode(Buffer.concat(chunks), /charset=["']?([\w-]+)/i.exec(contentType)?.[1]) };
}

/** Decodes with the declared charset, or UTF-8 when there is none or Node does not know it. */
function decode(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
