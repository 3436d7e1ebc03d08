/**
 * Test helpers: one throwaway redis-server and one fixture bookshelf per test file, a namespace of its
 * own per test (queues and keys never meet another test's), and in-process workers running the app's
 * tasks, as `npm run worker` would.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import type { WorkerOptions } from "@rqts/queue";
import { startFakeBookshelf, startRedis, type FakeBookshelf, type RedisServer } from "@rqts/testing";
import { readConfig, type ScraperConfig } from "../lib/config";
import { createScraperWorker } from "../lib/scraper-worker";

export interface TestServers {
  server: RedisServer;
  redis: Redis;
  shelf: FakeBookshelf;
}

/** Starts a private Redis (never port 6379) and a fixture bookshelf for the file. */
export function useServers(options: { slowPageDelayMs?: number } = {}): TestServers {
  const ctx = {} as TestServers;
  beforeAll(async () => {
    [ctx.server, ctx.shelf] = await Promise.all([startRedis(), startFakeBookshelf({ slowPageDelayMs: options.slowPageDelayMs ?? 300 })]);
    ctx.redis = ctx.server.client();
  });
  afterAll(async () => {
    await Promise.all([ctx.server?.stop(), ctx.shelf?.close()]);
  });
  return ctx;
}

/**
 * The environment of a test: demo mode on this file's bookshelf, a fresh namespace, and timings made
 * for tests (no retry wait, a short fetch timeout, a rate limit that does not slow tests down).
 */
export function testEnv(ctx: TestServers, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: ctx.server.url,
    GOODREADS_SCRAPER_MODE: "demo",
    GOODREADS_SCRAPER_BOOKSHELF_URL: ctx.shelf.url,
    GOODREADS_SCRAPER_NAMESPACE: `test-${randomUUID().slice(0, 8)}`,
    GOODREADS_SCRAPER_RATE_LIMIT: "100/1s",
    GOODREADS_SCRAPER_RETRIES: "2",
    GOODREADS_SCRAPER_RETRY_DELAY: "0",
    GOODREADS_SCRAPER_FETCH_TIMEOUT_MS: "2000",
    ...extra,
  };
}

/** The configuration of `testEnv`. */
export function testConfig(ctx: TestServers, extra: Record<string, string> = {}): ScraperConfig {
  return readConfig(testEnv(ctx, extra));
}

/** A worker as worker.ts builds it, on its own connection; `run()` starts it, `stop()` stops it warm. */
export async function testWorker(ctx: TestServers, config: ScraperConfig, options: Partial<WorkerOptions> = {}) {
  const connection = ctx.server.client();
  const worker = await createScraperWorker(connection, config, { handleSignals: false, logger: false, ...options });
  let running: Promise<void> | undefined;
  return {
    worker,
    /** Runs until stopped, or until the queues are empty with `{ burst: true }`. */
    run(runOptions: { burst?: boolean } = {}) {
      running = worker.run(runOptions);
      return running;
    },
    async stop() {
      worker.stop();
      await running;
      connection.disconnect();
    },
  };
}

/** The requests the bookshelf received for book pages (not robots.txt), oldest first. */
export function bookRequests(ctx: TestServers) {
  return ctx.shelf.requests().filter((request) => request.path.startsWith("/book/show/"));
}
