/**
 * Redis connections for the example apps. Scripts (workers, CLIs, demos) connect once and fail fast
 * with a readable message when nothing answers; a web app shares one connection per server process,
 * made on first use.
 */
import { Redis, type RedisOptions } from "ioredis";

export type { RedisOptions };

/** A Redis URL with any password hidden, for printing. */
export function printableUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Connects and resolves once Redis answers, or rejects saying where it looked and what to do: ioredis
 * alone keeps retrying in silence, and a script would seem to hang. `options` go to ioredis (e.g.
 * `maxRetriesPerRequest`); `lazyConnect` is always on, since this function does the connecting.
 */
export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, { ...options, lazyConnect: true });
  let lastError: Error | undefined;
  // The last error event names the cause (such as ECONNREFUSED) for the message; listening also keeps
  // ioredis from reporting it as unhandled. After connecting, ioredis reconnects by itself after a drop.
  redis.on("error", (error: Error) => (lastError = error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Cannot reach Redis at ${printableUrl(url)} (${(lastError ?? (error as Error)).message}): start redis-server or set REDIS_URL`);
  }
  return redis;
}

// On globalThis, under a name of the app's own, because `next dev` reloads modules on each edit (a
// module-level variable would leak one connection per edit) and Next.js bundles routes separately
// (each bundle gets its own copy of this module). Symbol.for gives every copy the same key.
const holder = globalThis as typeof globalThis & { [key: symbol]: { url: string; redis: Redis } | undefined };

/**
 * The web app's connection to `url`, shared by every request of this server process; `appName` keeps
 * apps apart and prefixes the errors logged. A new `url` (say, another REDIS_URL after a reload)
 * replaces the connection. Commands fail after 2 retries while Redis is down rather than hanging a
 * request; `options` go to ioredis and override that (they count when the connection is made).
 */
export function sharedRedis(appName: string, url: string, options: RedisOptions = {}): Redis {
  const key = Symbol.for(`@rqts/app-kit:redis:${appName}`);
  const current = holder[key];
  if (current?.url === url) return current.redis;
  current?.redis.disconnect();
  const redis = new Redis(url, { maxRetriesPerRequest: 2, ...options });
  // Without a listener ioredis prints each failed reconnect as an unhandled error event.
  redis.on("error", (error: Error) => console.error(`${appName}: Redis at ${printableUrl(url)}: ${error.message}`));
  holder[key] = { url, redis };
  return redis;
}
