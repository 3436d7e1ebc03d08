/**
 * Redis connections: scripts connect once and fail fast with a readable message; the web app shares
 * one connection per server process.
 */
import { Redis } from "ioredis";

/** A URL with any password hidden, for printing. */
export function printableUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/** Connects and resolves once Redis answers, or rejects saying where it looked (ioredis alone retries forever). */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: null });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${printableUrl(url)} (${(error as Error).message}): start redis-server or set REDIS_URL`);
  }
  return redis;
}

// On globalThis, so that `next dev`'s module reloads reuse the connection instead of leaking one per edit.
const shared = globalThis as typeof globalThis & { issNotifierRedis?: { url: string; redis: Redis } };

/** The web app's connection to `url`, shared by every request of this process. */
export function sharedRedis(url: string): Redis {
  if (shared.issNotifierRedis?.url !== url) {
    shared.issNotifierRedis?.redis.disconnect();
    const redis = new Redis(url, { maxRetriesPerRequest: 2 });
    redis.on("error", (error: Error) => console.error(`iss-notifier: Redis at ${printableUrl(url)}: ${error.message}`));
    shared.issNotifierRedis = { url, redis };
  }
  return shared.issNotifierRedis.redis;
}
