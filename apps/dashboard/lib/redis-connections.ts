/**
 * One ioredis connection per configured Redis, shared by every request of the process. Kept on
 * globalThis because Next.js bundles each route separately: a module-level cache would open one
 * connection per route. A Redis that is down makes commands fail fast (one retry) instead of hanging
 * a page; `whenReachable` turns that failure into `RedisUnavailableError`, which pages show.
 */
import { Redis } from "ioredis";
import { Inspector } from "@rqts/queue";
import { RedisUnavailableError } from "./errors";
import type { RedisInstance } from "./settings";

const POOL_SLOT = Symbol.for("rqts.dashboard.redis-connections");
type PoolHolder = { [POOL_SLOT]?: Map<string, Redis> };

/** How long to wait for a TCP connection before a command fails. */
const CONNECT_TIMEOUT_MS = 3000;

function pool(): Map<string, Redis> {
  const holder = globalThis as PoolHolder;
  holder[POOL_SLOT] ??= new Map();
  return holder[POOL_SLOT];
}

/** The shared connection to an instance (created on first use). */
export function connectionFor(instance: RedisInstance): Redis {
  const connections = pool();
  let connection = connections.get(instance.url);
  if (!connection) {
    connection = new Redis(instance.url, {
      connectTimeout: CONNECT_TIMEOUT_MS,
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 250, 2000),
      connectionName: "rqts-dashboard",
    });
    // Errors surface through the failing command; without a listener ioredis would print each retry.
    connection.on("error", () => undefined);
    connections.set(instance.url, connection);
  }
  return connection;
}

/** The inspector of an instance (cheap: it holds only the connection). */
export function inspectorFor(instance: RedisInstance): Inspector {
  return new Inspector(connectionFor(instance));
}

/**
 * Runs a read against an instance; when it fails because Redis is not connected, throws
 * `RedisUnavailableError` (other errors, e.g. `NoSuchJobError`, pass through unchanged).
 */
export async function whenReachable<T>(instance: RedisInstance, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (connectionFor(instance).status !== "ready") throw new RedisUnavailableError(instance.label, error);
    throw error;
  }
}

/** A read's value, or the unavailability a page shows in its place. */
export type ReadResult<T> = { ok: true; value: T } | { ok: false; problem: RedisUnavailableError };

/** `whenReachable`, with an unreachable Redis as a value instead of an exception. */
export async function tryRead<T>(instance: RedisInstance, read: () => Promise<T>): Promise<ReadResult<T>> {
  try {
    return { ok: true, value: await whenReachable(instance, read) };
  } catch (error) {
    if (error instanceof RedisUnavailableError) return { ok: false, problem: error };
    throw error;
  }
}

/** Closes every shared connection (tests and scripts; the server keeps them for its lifetime). */
export async function closeConnections(): Promise<void> {
  const connections = pool();
  const all = [...connections.values()];
  connections.clear();
  await Promise.all(all.map((connection) => connection.quit().catch(() => connection.disconnect())));
}
