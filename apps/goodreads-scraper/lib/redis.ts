/**
 * Redis connections of goodreads-scraper, bound from @rqts/app-kit: scripts connect once and fail fast
 * with a readable message when nothing answers; the web app shares one connection per process.
 */
import { connectRedis as connect, sharedRedis as shared } from "@rqts/app-kit";
import type { Redis } from "ioredis";

export { printableUrl } from "@rqts/app-kit";

/** Connects and resolves once Redis answers, or rejects saying where it looked. */
export const connectRedis = (url: string): Promise<Redis> => connect(url);

/** The web app's connection to `url`, shared by every request of this process (errors logged as "goodreads-scraper: …"). */
export const sharedRedis = (url: string): Redis => shared("goodreads-scraper", url);
