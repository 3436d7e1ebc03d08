/**
 * Downloads one photo (node-fetch) within limits: an allowed host at every redirect hop (image-policy.ts),
 * a time limit, a size limit counted while reading (a missing or lying Content-Length cannot get past it),
 * and an image media type.
 */
import type { Readable } from "node:stream";
import fetch, { type Response } from "node-fetch";
import { PhotoDownloadError } from "./errors";
import { checkImageUrl, type ImagePolicy } from "./image-policy";

export interface DownloadLimits {
  /** Limit of the whole download, redirects included. */
  timeoutMs: number;
  /** The largest body read. */
  maxBytes: number;
  /** Aborts the download (the job's signal: its timeout, or a stop). */
  signal?: AbortSignal | undefined;
}

export interface DownloadedPhoto {
  /** Where the bytes came from, after redirects. */
  url: string;
  body: Buffer;
}

/** Redirects followed at most: NASA's old `http://mars.jpl.nasa.gov` addresses redirect once or twice. */
export const MAX_REDIRECTS = 3;

/** Fetches `address`; throws `PhotoDownloadError`, whose `retryable` tells a 5xx or network error from a refusal. */
export async function downloadPhoto(address: string, policy: ImagePolicy, limits: DownloadLimits): Promise<DownloadedPhoto> {
  const timeout = AbortSignal.timeout(limits.timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
  let url = checkImageUrl(address, policy);
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: "manual", signal, headers: { accept: "image/*" } });
    } catch (error) {
      const reason = timeout.aborted ? `no complete answer within ${limits.timeoutMs / 1000} s` : (error as Error).message;
      throw new PhotoDownloadError(url.href, reason, true, { cause: error });
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      response.body?.resume(); // discard the redirect's own body
      if (hop >= MAX_REDIRECTS) throw new PhotoDownloadError(address, `more than ${MAX_REDIRECTS} redirects`, false);
      url = checkImageUrl(new URL(location, url).href, policy);
      continue;
    }
    if (!response.ok) {
      response.body?.resume();
      throw new PhotoDownloadError(url.href, `answered HTTP ${response.status}`, response.status === 429 || response.status >= 500);
    }
    const type = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type && !type.startsWith("image/") && type !== "application/octet-stream") {
      response.body?.resume();
      throw new PhotoDownloadError(url.href, `is ${type}, not an image`, false);
    }
    return { url: url.href, body: await readLimited(response, url.href, limits.maxBytes, timeout) };
  }
}

async function readLimited(response: Response, url: string, maxBytes: number, timeout: AbortSignal): Promise<Buffer> {
  const tooLarge = () => new PhotoDownloadError(url, `is larger than ${maxBytes} bytes (MARS_ROVER_MAX_IMAGE_BYTES)`, false);
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    response.body?.resume();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        (response.body as Readable | null)?.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof PhotoDownloadError) throw error;
    const reason = timeout.aborted ? "the download took too long" : `the download broke off (${(error as Error).message})`;
    throw new PhotoDownloadError(url, reason, true, { cause: error });
  }
  return Buffer.concat(chunks);
}
