/**
 * Test helpers: one throwaway redis-server and one fake NASA API per test file, a configuration with
 * queues no other test uses, and in-process workers running the app's tasks until the test stops them.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { Worker, type ClaimedJob } from "@rqts/queue";
import { startFakeNasa, startRedis, type FakeNasa, type FakeNasaOptions, type RedisServer } from "@rqts/testing";
import { readConfig, type MarsRoverConfig } from "../lib/config";
import { appQueues, type AppQueues } from "../lib/queues";
import { createTasks } from "../tasks/index";

export interface TestServers {
  server: RedisServer;
  redis: Redis;
  nasa: FakeNasa;
}

/** Starts a private Redis and a fake NASA API for the file; `nasaOptions` configures the fake. */
export function useServers(nasaOptions: FakeNasaOptions = {}): TestServers {
  const ctx = {} as TestServers;
  beforeAll(async () => {
    [ctx.server, ctx.nasa] = await Promise.all([startRedis(), startFakeNasa(nasaOptions)]);
    ctx.redis = ctx.server.client();
  });
  afterAll(async () => {
    await Promise.all([ctx.server?.stop(), ctx.nasa?.close()]);
  });
  return ctx;
}

/** The environment of the app for these servers, with a queue prefix of its own; `extra` on top. */
export function testEnv(ctx: TestServers, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: ctx.server.url,
    NASA_API_URL: ctx.nasa.url,
    NASA_API_KEY: ctx.nasa.apiKey,
    MARS_ROVER_QUEUE_PREFIX: `mars-test-${randomUUID().slice(0, 8)}`,
    MARS_ROVER_RETRY_DELAY: "1s",
    MARS_ROVER_HTTP_TIMEOUT: "5s",
    ...extra,
  };
}

/** The configuration `testEnv` describes, and its queues. */
export function testSetup(ctx: TestServers, extra: Record<string, string> = {}): { config: MarsRoverConfig; queues: AppQueues } {
  const config = readConfig(testEnv(ctx, extra));
  return { config, queues: appQueues(ctx.redis, config) };
}

export interface TestWorkers {
  /** Every job the workers started (each attempt), when; and how each attempt ended (`retrying`: it runs again). */
  started: Array<{ job: ClaimedJob; at: number }>;
  outcomes: Array<{ id: string; outcome: "finished" | "failed" | "retrying"; at: number }>;
  stop(): Promise<void>;
}

/**
 * Runs the app's workers in the background, as worker.ts does (the API queue's and the photos queue's,
 * both with the scheduler); `queues` chooses which. `stop()` stops them warm.
 */
export function startTestWorkers(ctx: TestServers, config: MarsRoverConfig, queues: Array<"api" | "photos"> = ["api", "photos"]): TestWorkers {
  const names = appQueues(ctx.redis, config);
  const tasks = createTasks({ connection: ctx.redis, config });
  const started: TestWorkers["started"] = [];
  const outcomes: TestWorkers["outcomes"] = [];
  const workers = queues.map((queue) => {
    const worker = new Worker(names[queue].name, { connection: ctx.redis, tasks, concurrency: 4, withScheduler: true, handleSignals: false, logger: false });
    worker.on("job:started", (job) => started.push({ job, at: Date.now() }));
    worker.on("job:finished", (job) => outcomes.push({ id: job.id, outcome: "finished", at: Date.now() }));
    worker.on("job:failed", (job) => outcomes.push({ id: job.id, outcome: "failed", at: Date.now() }));
    worker.on("job:retrying", (job) => outcomes.push({ id: job.id, outcome: "retrying", at: Date.now() }));
    return worker;
  });
  const running = workers.map((worker) => worker.run());
  return {
    started,
    outcomes,
    async stop() {
      for (const worker of workers) worker.stop();
      await Promise.all(running);
    },
  };
}
