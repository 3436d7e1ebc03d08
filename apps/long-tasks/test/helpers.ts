/**
 * Test helpers: one throwaway redis-server and one fixture pages server per test file, and an
 * in-process worker running the app's tasks until the test stops it.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { Worker } from "@rqts/queue";
import { startFakePages, startRedis, type FakePages, type RedisServer } from "@rqts/testing";
import { createTasks } from "../tasks/index";
import type { UrlPolicy } from "../lib/url-policy";

export interface TestServers {
  server: RedisServer;
  redis: Redis;
  pages: FakePages;
  /** Demo mode on this file's fixture pages server. */
  policy: UrlPolicy;
}

/** Starts a private Redis and a fixture pages server for the file (slow page: 300 ms, huge page: 50k words). */
export function useServers(): TestServers {
  const ctx = {} as TestServers;
  beforeAll(async () => {
    [ctx.server, ctx.pages] = await Promise.all([startRedis(), startFakePages({ slowPageDelayMs: 300, hugePageWords: 50_000 })]);
    ctx.redis = ctx.server.client();
    ctx.policy = { mode: "demo", pagesUrl: ctx.pages.url };
  });
  afterAll(async () => {
    await Promise.all([ctx.server?.stop(), ctx.pages?.close()]);
  });
  return ctx;
}

/** One step of the sleeping tasks in tests: a short task takes 10 of them. */
export const TEST_UNIT_MS = 5;

/** Runs a worker with the app's tasks on `queueName` in the background; `stop()` stops it warm. */
export function startTestWorker(ctx: TestServers, queueName: string): { stop: () => Promise<void> } {
  const tasks = createTasks({ connection: ctx.redis, unitMs: TEST_UNIT_MS, policy: ctx.policy, fetch: { timeoutMs: 2000 } });
  const worker = new Worker(queueName, { connection: ctx.redis, tasks, concurrency: 4, handleSignals: false, logger: false });
  const done = worker.run();
  return {
    async stop() {
      worker.stop();
      await done;
    },
  };
}
