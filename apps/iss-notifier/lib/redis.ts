/**
 * Redis connections of iss-notifier, bound from @rqts/app-kit: scripts connect once and fail fast
 * with a readable message when nothing answers; the web app shares one connection per process.
 */
import { connectRedis as connect, sharedRedis as shared, type RedisOptions } from "@rqts/app-kit";
import type { Redis } from "ioredis";

export { printableUrl } from "@rqts/app-kit";

// Commands wait for Redis to come back instead of failing after a few reconnects.
const SCRIPT_OPTIONS: RedisOptions = { maxRetriesPerRequest: null };

/** Connects and resolves once Redis answers, or rejects saying where it looked. */
export const connectRedis = (url: string): Promise<Redis> => connect(url, SCRIPT_OPTIONS);

/** The web app's connection to `url`, shared by every request of this process (errors logged as "iss-notifier: …"). */
export const sharedRedis = (url: string): Redis => shared("iss-notifier", url);
