/**
 * Redis connections. Scripts (the worker, the demo) connect once and fail fast with a readable message
 * when nothing answers; the web app shares one connection per server process, made on first use.
 */
import { Redis } from "ioredis";

/** A Redis URL with any password hidden, for printing. */
export function printableUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Connects and resolves once Redis answers, or rejects saying where it looked: ioredis alone keeps
 * retrying in silence, and a script would seem to hang.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true });
  let lastError: Error | undefined;
  redis.on("error", (error: Error) => (lastError = error)); // ioredis reconnects by itself after a drop
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${printableUrl(url)} (${(lastError ?? (error as Error)).message}): start redis-server or set REDIS_URL`);
  }
  return redis;
}

// On globalThis so that `next dev`'s module reloads reuse the connection instead of opening one per edit.
const holder = globalThis as typeof globalThis & { goodreadsScraperRedis?: { url: string; redis: Redis } };

/** The web app's connection to `url`, shared by every request of this server process. */
export function sharedRedis(url: string): Redis {
  if (holder.goodreadsScraperRedis?.url !== url) {
    holder.goodreadsScraperRedis?.redis.disconnect();
    const redis = new Redis(url, { maxRetriesPerRequest: 2 });
    redis.on("error", (error: Error) => console.error(`goodreads-scraper: Redis at ${printableUrl(url)}: ${error.message}`));
    holder.goodreadsScraperRedis = { url, redis };
  }
  return holder.goodreadsScraperRedis.redis;
}
