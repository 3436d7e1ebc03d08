/**
 * One benchmark run: start a private redis-server, warm every library up, run the chosen scenarios
 * (each library on the same server, runs interleaved), then the execution models, and collect it all
 * as `RunResults`. The CLI (main.ts) and the smoke test both call `runBench`.
 */
import { LIBRARIES, type LibraryName } from "./adapters/adapter.js";
import { libraryVersions } from "./adapters/index.js";
import { runExecutionModels, type ModelRow } from "./execution-models/models.js";
import { checkGoals } from "./report/goals.js";
import type { RunResults } from "./report/results.js";
import { removeBundles } from "./runtime/bundle.js";
import { currentLoad, describeMachine } from "./runtime/machine.js";
import { roundTripMicros, startBenchRedis } from "./runtime/redis.js";
import { enqueueBulkScenario } from "./scenarios/enqueue-bulk.js";
import { enqueueConcurrentScenario } from "./scenarios/enqueue-concurrent.js";
import { enqueueOneScenario } from "./scenarios/enqueue-one.js";
import { growthScenario } from "./scenarios/growth.js";
import { latencyScenario } from "./scenarios/latency.js";
import { processScenario } from "./scenarios/process.js";
import { processQueued } from "./scenarios/processing.js";
import { redisMemoryScenario } from "./scenarios/redis-memory.js";
import { sequences, withFreshQueue, type BenchContext, type ResultRow, type Scenario } from "./scenarios/scenario.js";
import { workerRssScenario } from "./scenarios/worker-rss.js";
import type { Sizes } from "./sizes.js";

/** Every comparison scenario, in the order. */
export const SCENARIOS: readonly Scenario[] = [
  enqueueOneScenario,
  enqueueConcurrentScenario,
  enqueueBulkScenario,
  processScenario(1),
  processScenario(100),
  latencyScenario,
  workerRssScenario,
  redisMemoryScenario,
  growthScenario,
];

/** The id that selects the execution models in `only`. */
export const MODELS_ID = "models";

/** A load average above this at the start or end labels the run "measured under load". */
const SHARED_MACHINE_LOAD = 2.5;

export interface BenchOptions {
  sizes: Sizes;
  /** Scenario ids (and/or "models") to run. @defaultValue all */
  only?: readonly string[];
  /** @defaultValue all three */
  libraries?: readonly LibraryName[];
  log?: (line: string) => void;
}

/** Enqueues and processes a few jobs per library before anything is timed (JIT, connections, scripts). */
async function warmUp(ctx: BenchContext): Promise<void> {
  const n = ctx.sizes.warmupJobs;
  for (const library of ctx.libraries) {
    await withFreshQueue(ctx, library, async (adapter) => {
      await adapter.enqueueBulk(sequences(n));
      for (let i = 0; i < n / 4; i++) await adapter.enqueueOne(n + i);
      await processQueued(adapter, n + n / 4, 100);
    });
    ctx.log(`  warm-up · ${library}: ${n + n / 4} jobs`);
  }
}

export async function runBench(options: BenchOptions): Promise<RunResults> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const libraries = [...(options.libraries ?? LIBRARIES)];
  const selected = (id: string) => !options.only || options.only.includes(id);
  const unknown = options.only?.filter((id) => id !== MODELS_ID && !SCENARIOS.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown scenario(s) ${unknown.join(", ")}; choose from ${[...SCENARIOS.map((s) => s.id), MODELS_ID].join(", ")}`);

  const startedAt = new Date();
  const loadAtStart = currentLoad();
  const redis = await startBenchRedis();
  try {
    const ctx: BenchContext = { redis, sizes: options.sizes, libraries, log };
    log(`redis-server ${redis.version} on port ${redis.target.port}; load average ${loadAtStart.toFixed(2)}`);
    const rtt = await roundTripMicros(redis.admin);
    await warmUp(ctx);
    const rows: ResultRow[] = [];
    for (const scenario of SCENARIOS.filter((s) => selected(s.id))) {
      const began = performance.now();
      log(`${scenario.title}…`);
      rows.push(...(await scenario.run(ctx)));
      log(`  (${((performance.now() - began) / 1000).toFixed(1)} s)`);
    }
    let models: ModelRow[] = [];
    if (selected(MODELS_ID)) {
      log("worker execution models…");
      models = await runExecutionModels(ctx);
    }
    const machine = describeMachine(redis.version, rtt, loadAtStart);
    return {
      startedAt: startedAt.toISOString(),
      durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
      machine,
      versions: await libraryVersions(),
      libraries,
      sizes: options.sizes,
      underLoad: machine.loadAtStart > SHARED_MACHINE_LOAD || machine.loadAtEnd > SHARED_MACHINE_LOAD,
      rows,
      goals: libraries.includes("rqts") ? checkGoals(rows) : [],
      models,
    };
  } finally {
    removeBundles();
    await redis.server.stop();
  }
}
