/** Test helpers: one throwaway redis-server per test file, and a queue name no other test uses. */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Redis } from "ioredis";
import { startRedis, type RedisServer } from "@rqts/testing";

export interface TestRedis {
  server: RedisServer;
  redis: Redis;
}

/** Starts a private Redis for the file (never port 6379); `ctx.redis` is a client, `ctx.server.url` its URL. */
export function useRedis(): TestRedis {
  const ctx = {} as TestRedis;
  beforeAll(async () => {
    ctx.server = await startRedis();
    ctx.redis = ctx.server.client();
  });
  afterAll(async () => {
    await ctx.server?.stop();
  });
  return ctx;
}

/** A queue name no other test uses. */
export function uniqueQueue(prefix = "q"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A form as the action route receives it. */
export function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

/** Resolves when `predicate` holds for what `probe` returns, checking every 20 ms; rejects after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
