/**
 * Redis connections. Scripts (the worker, the CLI, the demo) connect once and fail fast with a readable
 * message when nothing answers; the web app shares one connection per server process, made on first use.
 */
import { Redis } from "ioredis";

/** A URL with any password hidden, for printing. */
export function printableUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Connects and resolves once Redis answers, or rejects saying where it looked and what to do (ioredis
 * alone retries for ever, and a script would seem to hang).
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3 });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => (lastError = error)); // ioredis reconnects by itself after this
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${printableUrl(url)} (${(lastError ?? (error as Error)).message}): start redis-server or set REDIS_URL`);
  }
  return redis;
}

// Kept on globalThis so that `next dev`'s module reloads reuse the connection instead of leaking one per edit.
const holder = globalThis as typeof globalThis & { marsRoverRedis?: { url: string; redis: Redis } };

/** The web app's connection to `url`, shared by every request of this process. */
export function sharedRedis(url: string): Redis {
  if (holder.marsRoverRedis?.url !== url) {
    holder.marsRoverRedis?.redis.disconnect();
    const redis = new Redis(url, { maxRetriesPerRequest: 2 });
    redis.on("error", (error: Error) => console.error(`mars-rover: Redis at ${printableUrl(url)}: ${error.message}`));
    holder.marsRoverRedis = { url, redis };
  }
  return holder.marsRoverRedis.redis;
}
