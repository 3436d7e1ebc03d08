/**
 * Test helpers: one throwaway redis-server per test file, a unique queue name per test, and a worker
 * that runs in the background until the test stops it.
 */
import { afterAll, beforeAll } from "vitest";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { startRedis, type RedisServer } from "@rqts/testing";
import { Worker, type WorkerOptions } from "../src/index.js";

export interface TestRedis {
  server: RedisServer;
  redis: Redis;
}

/** Starts a private Redis for the file; `ctx.redis` is a client, `ctx.server.url` its URL. */
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

/** Fast timing knobs so maintenance and heartbeats happen within a test. */
export const fastTimings = {
  heartbeatInterval: 200,
  abandonedGrace: 800,
  maintenanceInterval: 300,
  intermediateGrace: 500,
  dequeueTimeout: "1s",
} satisfies Partial<WorkerOptions>;

/** Starts `worker.run()` in the background; `stop()` stops it warm and waits for it. */
export function runInBackground(worker: Worker): { done: Promise<void>; stop: (cold?: boolean) => Promise<void> } {
  const done = worker.run();
  return {
    done,
    async stop(cold = false) {
      worker.stop({ cold });
      await done;
    },
  };
}

/** Resolves when `predicate` holds, checking every 20 ms, or rejects after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T>, predicate: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
