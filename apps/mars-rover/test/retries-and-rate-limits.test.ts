/**
 * Retries and the rate limit, against a fake NASA that allows 3 calls per key per second (as api.nasa.gov
 * allows so many per hour): 429s and 5xx are retried with exponential backoff; the API queue's rate
 * limit keeps every worker together under NASA's limit, so no 429 comes back at all.
 */
import { describe, expect, it } from "vitest";
import { Job, keys } from "@rqts/queue";
import { enqueueFetches } from "../lib/enqueue-fetch";
import { parseFetchRequest } from "../lib/fetch-request";
import { applyRateLimit } from "../lib/queues";
import { startTestWorkers, testSetup, useServers } from "./helpers";

const ctx = useServers({ rateLimit: 3, rateLimitWindowMs: 1000 });

const apiCalls = () => ctx.nasa.requests().filter((request) => request.path.startsWith("/api/"));

describe("retries", () => {
  it("retries a fetch that meets a 429 and a 500 after 1 s, then 2 s (exponential backoff), and it succeeds", async () => {
    const { config, queues } = testSetup(ctx);
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1006" }), config);
    expect(JSON.parse((await Job.fetch(ctx.redis, run!.id)).rawFields.retry_intervals ?? "null")).toEqual([1, 2, 4, 8]);
    ctx.nasa.reset(); // a fresh window of the fake's limit
    ctx.nasa.failNext(1, 429);
    ctx.nasa.failNext(1, 500);
    const workers = startTestWorkers(ctx, config, ["api"]);
    try {
      await run!.waitForResult({ timeout: "20s" });
      await run!.refresh();
      expect([run!.status, run!.attempts]).toEqual(["finished", 3]);
      expect(workers.outcomes.filter((o) => o.id === run!.id).map((o) => o.outcome)).toEqual(["retrying", "retrying", "finished"]);
      // The job waits in the scheduled registry between attempts; due times are whole seconds (RQ's), so
      // a 2 s wait may come up to 1 s short, never more.
      const attempts = workers.started.filter((s) => s.job.id === run!.id).map((s) => s.at);
      const ends = workers.outcomes.filter((o) => o.id === run!.id).map((o) => o.at);
      expect(attempts[2]! - ends[1]!).toBeGreaterThanOrEqual(1000);
    } finally {
      await workers.stop();
    }
  });

  it("fails at once on a bad key, with its retries unused and the error saying what to check", async () => {
    const { config, queues } = testSetup(ctx, { NASA_API_KEY: "NOT_A_KEY" });
    const [run] = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1000" }), config);
    const workers = startTestWorkers(ctx, config, ["api"]);
    try {
      await expect(run!.waitForResult({ timeout: "15s" })).rejects.toThrow(/answered 403 API_KEY_INVALID.*check NASA_API_KEY/);
      await run!.refresh();
      expect([run!.status, run!.attempts, run!.retriesLeft]).toEqual(["failed", 1, 4]);
    } finally {
      await workers.stop();
    }
  });
});

describe("the API queue's rate limit", () => {
  it("without it, fetches run into NASA's limit, get 429s, and recover by retrying", async () => {
    const { config, queues } = testSetup(ctx, { MARS_ROVER_API_RATE_LIMIT: "off" });
    await applyRateLimit(queues.api, config.apiRateLimit);
    ctx.nasa.reset();
    const runs = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1001,1005,1006,1009,1004,1007" }), config);
    const workers = startTestWorkers(ctx, config, ["api"]);
    try {
      await Promise.all(runs.map((run) => run.waitForResult({ timeout: "20s" })));
      expect(apiCalls().filter((call) => call.status === 429).length).toBeGreaterThan(0);
      expect(workers.outcomes.some((o) => o.outcome === "retrying")).toBe(true);
    } finally {
      await workers.stop();
    }
  });

  it("with it set under NASA's limit, with a margin, every worker together stays within it: no 429 at all", async () => {
    const { config, queues } = testSetup(ctx, { MARS_ROVER_API_RATE_LIMIT: "3/1500ms" });
    await applyRateLimit(queues.api, config.apiRateLimit);
    expect(await queues.api.getRateLimit()).toEqual({ max: 3, durationMs: 1500 });
    ctx.nasa.reset();
    const runs = await enqueueFetches(queues.api, parseFetchRequest({ rover: "curiosity", sols: "1001,1005,1006,1009,1004,1007" }), config);
    const first = startTestWorkers(ctx, config, ["api"]);
    const second = startTestWorkers(ctx, config, ["api"]); // two workers share the one limit, stored in Redis
    try {
      await Promise.all(runs.map((run) => run.waitForResult({ timeout: "20s" })));
      expect(apiCalls().map((call) => call.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const starts = [...first.started, ...second.started].map((s) => s.at).sort((a, b) => a - b);
      expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(1400); // the 4th start waited for the next window
    } finally {
      await Promise.all([first.stop(), second.stop()]);
    }
  });
});

describe("applyRateLimit", () => {
  it("starts a new window when the limit changes, and keeps the window when a worker restarts with the same limit", async () => {
    const { queues } = testSetup(ctx);
    const window = keys.rateLimitWindow(queues.api.name);
    await applyRateLimit(queues.api, { max: 1000, durationMs: 3_600_000 });
    await ctx.redis.set(window, "1000", "PX", 3_600_000); // an hour's allowance used up
    await applyRateLimit(queues.api, { max: 1000, durationMs: 3_600_000 });
    expect(await ctx.redis.get(window)).toBe("1000"); // a restart: still used up
    await applyRateLimit(queues.api, { max: 3, durationMs: 6000 });
    expect([await queues.api.getRateLimit(), await ctx.redis.exists(window)]).toEqual([{ max: 3, durationMs: 6000 }, 0]);
    await applyRateLimit(queues.api, null);
    expect(await queues.api.getRateLimit()).toBeNull();
  });
});
