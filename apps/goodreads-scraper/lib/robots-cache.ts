/**
 * A site's robots.txt, fetched once an hour per origin and kept in the app's Redis key, so every
 * worker shares it and the site is not asked again for every page. Within one process, jobs that
 * start together share one fetch instead of each asking the site at once.
 *
 * What the answer means follows RFC 9309 §2.3.1: a 2xx body holds the rules; a 4xx (no robots.txt)
 * allows everything; a 5xx, a 429 or no answer means the rules are unknown, so no page is fetched: the
 * job fails with `PageFetchError` and is retried later.
 */
import type { Redis } from "ioredis";
import { PageFetchError } from "./errors";
import { ROBOTS_TTL_SECONDS } from "./keys";
import { MAX_ROBOTS_BYTES, parseRobotsTxt, type RobotsTxt } from "./robots";
import { fetchFromSite, type SiteFetchOptions } from "./site-fetch";

/** Fetches under way in this process, by cache key. */
const inFlight = new Map<string, Promise<string>>();

/**
 * The rules of `origin`, from the cache under `key`, else fetched (and cached for an hour). The fetch
 * is bounded by the timeout only, not by one job's signal: other jobs may be waiting for it.
 */
export async function loadRobotsTxt(redis: Redis, key: string, origin: string, options: Omit<SiteFetchOptions, "signal">): Promise<RobotsTxt> {
  const cached = await redis.get(key);
  if (cached !== null) return parseRobotsTxt(cached);
  let fetching = inFlight.get(key);
  if (!fetching) {
    fetching = fetchAndCache(redis, key, origin, options).finally(() => inFlight.delete(key));
    inFlight.set(key, fetching);
  }
  return parseRobotsTxt(await fetching);
}

async function fetchAndCache(redis: Redis, key: string, origin: string, options: Omit<SiteFetchOptions, "signal">): Promise<string> {
  const robotsUrl = `${origin}/robots.txt`;
  const response = await fetchFromSite(robotsUrl, { ...options, accept: "text/plain", maxBytes: MAX_ROBOTS_BYTES });
  if (response.status >= 500 || response.status === 429) {
    throw new PageFetchError(robotsUrl, `answered HTTP ${response.status}: the site's rules are unknown, so no page is fetched until it answers`);
  }
  const text = response.status >= 200 && response.status < 300 ? response.text : ""; // no robots.txt: no rules
  await redis.set(key, text, "EX", ROBOTS_TTL_SECONDS);
  return text;
}
