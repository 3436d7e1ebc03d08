/**
 * Helpers that register vitest hooks, so they live apart from the main entry: import them from
 * `@rqts/testing/vitest` (importing `@rqts/testing` never loads vitest).
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { startRedis, type RedisServer, type StartRedisOptions } from "./redis-server.js";

export interface TestRedis {
  /** The file's redis-server; `server.url` is its URL, `server.client()` makes another client. */
  server: RedisServer;
  /** A client of `server`, closed when the server stops. */
  redis: Redis;
}

/**
 * Starts a private redis-server for the test file (never port 6379) in `beforeAll` and stops it in
 * `afterAll`. Call it at the top of the file; the fields of what it returns are set once `beforeAll` ran.
 */
export function useRedis(options: StartRedisOptions = {}): TestRedis {
  const ctx = {} as TestRedis;
  beforeAll(async () => {
    ctx.server = await startRedis(options);
    ctx.redis = ctx.server.client();
  });
  afterAll(async () => {
    await ctx.server?.stop();
  });
  return ctx;
}
