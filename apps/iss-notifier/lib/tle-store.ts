/**
 * The TLE the app predicts with: the one the daily refresh job stored in Redis, else the bundled one.
 * The refresh fetches from a configured URL only (never one a user gave: no SSRF), with a timeout and a
 * size cap, and stores the text only after it parsed and checked, so a bad download changes nothing.
 */
import type { Redis } from "ioredis";
import { TleFetchError } from "./errors";
import { keys } from "./keys";
import { BUNDLED_TLE_TEXT, parseTle, type Tle } from "./tle";

/** The current TLE and where it came from. */
export interface CurrentTle extends Tle {
  source: "bundled" | "fetched";
  /** When the refresh job stored it; undefined for the bundled one. */
  fetchedAt: Date | undefined;
}

const FETCH_TIMEOUT_MS = 10_000;
const MAX_TLE_BYTES = 4096;

/** Reads the current TLE; a stored one that no longer parses falls back to the bundled TLE. */
export async function currentTle(redis: Redis): Promise<CurrentTle> {
  const [text, fetchedAt] = await redis.mget(keys.tle, keys.tleFetchedAt);
  if (text) {
    try {
      return { ...parseTle(text), source: "fetched", fetchedAt: fetchedAt ? new Date(fetchedAt) : undefined };
    } catch {
      // only refreshTle writes this key, after parsing; a hand-edited value must not stop predictions
    }
  }
  return { ...parseTle(BUNDLED_TLE_TEXT), source: "bundled", fetchedAt: undefined };
}

/** Fetches the TLE at `url`, checks it and stores it. Returns what was stored. */
export async function refreshTle(redis: Redis, url: string, now: Date): Promise<Tle> {
  let text: string;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: "error" });
    if (!response.ok) throw new TleFetchError(`GET ${url} answered ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    if (error instanceof TleFetchError) throw error;
    throw new TleFetchError(`Cannot fetch a TLE from ${url}: ${(error as Error).message}`);
  }
  if (text.length > MAX_TLE_BYTES) throw new TleFetchError(`${url} sent ${text.length} bytes; a TLE is under ${MAX_TLE_BYTES}`);
  const tle = parseTle(text); // throws InvalidTleError before anything is stored
  await redis.mset(keys.tle, `${tle.name}\n${tle.line1}\n${tle.line2}\n`, keys.tleFetchedAt, now.toISOString());
  return tle;
}
