/**
 * Redis connections of mars-rover, bound from @rqts/app-kit: scripts connect once and fail fast
 * with a readable message when nothing answers; the web app shares one connection per process.
 */
import { connectRedis as connect, sharedRedis as shared, type RedisOptions } from "@rqts/app-kit";
import type { Redis } from "ioredis";

export { printableUrl } from "@rqts/app-kit";

// A command waits through at most 3 reconnects before failing, so the CLI reports a lost Redis.
const SCRIPT_OPTIONS: RedisOptions = { maxRetriesPerRequest: 3 };

/** Connects and resolves once Redis answers, or rejects saying where it looked. */
export const connectRedis = (url: string): Promise<Redis> => connect(url, SCRIPT_OPTIONS);

/** The web app's connection to `url`, shared by every request of this process (errors logged as "mars-rover: …"). */
export const sharedRedis = (url: string): Redis => shared("mars-rover", url);
