/**
 * The bench's smoke run (what CI runs instead of the full benchmark): every scenario with tiny sizes on
 * a private redis-server, and the guarantees a published figure rests on — each adapter really
 * processes every job, and a run that loses one fails instead of reporting a number.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIBRARIES } from "../src/adapters/adapter.js";
import { loadAdapter } from "../src/adapters/index.js";
import { MODELS_ID, SCENARIOS, runBench } from "../src/bench.js";
import { advantage } from "../src/report/format.js";
import { writeResults, type RunResults } from "../src/report/results.js";
import { startBenchRedis, type BenchRedis } from "../src/runtime/redis.js";
import { spread } from "../src/runtime/stats.js";
import { expectAllCompleted, processQueued } from "../src/scenarios/processing.js";
import type { ResultRow } from "../src/scenarios/scenario.js";
import { SMOKE_SIZES } from "../src/sizes.js";

describe("each library's adapter", () => {
  let redis: BenchRedis;
  beforeAll(async () => {
    redis = await startBenchRedis();
  });
  afterAll(async () => {
    await redis?.server.stop();
  });

  for (const library of LIBRARIES) {
    it(`${library}: stores every job enqueued one at a time or in bulk, and its worker completes each exactly once`, async () => {
      const adapter = await (await loadAdapter(library))(redis.target, `smoke-${library}`);
      try {
        await adapter.enqueueBulk(Array.from({ length: 40 }, (_, i) => i));
        for (let i = 40; i < 50; i++) await adapter.enqueueOne(i);
        expect(await adapter.counts()).toMatchObject({ waiting: 50, completed: 0 });

        const started: number[] = [];
        const completed: number[] = [];
        let done: () => void = () => undefined;
        const allDone = new Promise<void>((resolve) => (done = resolve));
        const worker = await adapter.startWorker({
          concurrency: 5,
          onStart: (sequence) => started.push(sequence),
          onComplete: (sequence) => completed.push(sequence) === 50 && done(),
        });
        await allDone;
        await worker.stop();

        const everyJob = Array.from({ length: 50 }, (_, i) => i);
        expect([...started].sort((a, b) => a - b)).toEqual(everyJob);
        expect([...completed].sort((a, b) => a - b)).toEqual(everyJob);
        expect(await adapter.counts()).toEqual({ waiting: 0, active: 0, completed: 50, failed: 0 });
      } finally {
        await adapter.close();
      }
    });

    it(`${library}: a run that has not processed its jobs fails instead of giving a figure`, async () => {
      const adapter = await (await loadAdapter(library))(redis.target, `unprocessed-${library}`);
      try {
        await adapter.enqueueBulk([1, 2, 3]);
        await expect(expectAllCompleted(adapter, 3, "before any worker ran")).rejects.toThrow(/expected 3 completed jobs/);
        await expect(processQueued(adapter, 3, 2)).resolves.toBeGreaterThan(0);
        await expect(expectAllCompleted(adapter, 3, "after the worker ran")).resolves.toBeUndefined();
      } finally {
        await adapter.close();
      }
    });
  }
});

describe("a smoke run of the whole bench", () => {
  let results: RunResults;
  beforeAll(async () => {
    results = await runBench({ sizes: SMOKE_SIZES, log: () => undefined });
  }, 110_000);

  it("runs every scenario and reports a positive figure for every library on every comparison line", () => {
    expect(new Set(results.rows.map((row) => row.scenario))).toEqual(new Set(SCENARIOS.map((scenario) => scenario.id)));
    for (const row of results.rows.filter((r) => r.id !== "redis-memory/finished-recommended")) {
      for (const library of LIBRARIES) {
        expect(row.values[library]?.median, `${row.id} · ${library}`).toBeGreaterThan(0);
      }
    }
  });

  it("measures rqts's finished-job memory again with the recommended stream-node-max-bytes, and only rqts's", () => {
    const tuned = results.rows.find((row) => row.id === "redis-memory/finished-recommended")!;
    const defaults = results.rows.find((row) => row.id === "redis-memory/finished")!;
    expect(Object.keys(tuned.values)).toEqual(["rqts"]);
    expect(tuned.values.rqts!.median).toBeLessThan(defaults.values.rqts!.median);
  });

  it("checks every goal of the issue against the run's own figures", () => {
    expect(results.goals).toHaveLength(15);
    for (const goal of results.goals) expect(goal.met, goal.goal).not.toBeUndefined();
  });

  it("runs all four execution models, every job of each (the process-per-job ones on a sample)", () => {
    expect(results.models.map((m) => m.jobs)).toEqual([SMOKE_SIZES.modelJobs, SMOKE_SIZES.modelSpawnJobs, SMOKE_SIZES.modelSpawnJobs, SMOKE_SIZES.modelJobs]);
    expect(results.models.map((m) => m.projected)).toEqual([false, true, true, false]);
    for (const model of results.models) expect(model.jobsPerSecond).toBeGreaterThan(0);
  });

  it("records the machine, its load and every library's version with the results", () => {
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.machine.redis).toMatch(/^\d+\.\d+/);
    expect(results.machine.roundTripMicros).toBeGreaterThan(0);
    expect(Object.keys(results.versions).sort()).toEqual([...LIBRARIES].sort());
    for (const version of Object.values(results.versions)) expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("writes the results as JSON and Markdown", () => {
    const dir = mkdtempSync(join(tmpdir(), "rqts-bench-"));
    try {
      const written = writeResults(dir, results);
      expect(JSON.parse(readFileSync(written.json, "utf8")).rows).toHaveLength(results.rows.length);
      const markdown = readFileSync(written.markdown, "utf8");
      expect(markdown).toContain("| Figure | Unit | rqts | BullMQ | bee-queue | rqts vs BullMQ | rqts vs bee-queue |");
      expect(markdown).toContain("## Worker execution models");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the report", () => {
  const row = (better: ResultRow["better"], rqts: number, peer: number): ResultRow => ({
    id: "x",
    scenario: "x",
    label: "x",
    unit: "ms",
    better,
    values: { rqts: spread([rqts]), BullMQ: spread([peer]) },
  });

  it("gives rqts's advantage as a factor above 1 when rqts is better, whichever way the figure is better", () => {
    expect(advantage(row("higher", 300, 100), "BullMQ")).toBe(3);
    expect(advantage(row("lower", 1, 4), "BullMQ")).toBe(4);
    expect(advantage(row("lower", 4, 1), "BullMQ")).toBe(0.25);
    expect(advantage(row("neither", 4, 1), "BullMQ")).toBeUndefined();
  });

  it("rejects a scenario name it does not know, naming the ones it does", async () => {
    await expect(runBench({ sizes: SMOKE_SIZES, only: ["nope"], log: () => undefined })).rejects.toThrow(new RegExp(`enqueue-one.*${MODELS_ID}`));
  });
});
