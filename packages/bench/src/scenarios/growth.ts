/**
 * Scenario 9: cost as work grows. For one library at a time: keep 200,000 finished jobs in database 0
 * (queued and run through the library itself, default retention), then bulk-enqueue N and process N at
 * concurrency 100 alternately in database 1 (empty: the baseline) and in database 0 (with them kept),
 * run by run. Interleaving keeps the machine's drift (up to ~2.5× over minutes) out of the ratio; both
 * databases live on the same server, so what the ratio shows is the cost of the library's own keys
 * and registries growing. (Libraries are not interleaved here: each needs its 200,000 jobs.)
 */
import { randomUUID } from "node:crypto";
import type { LibraryName, QueueAdapter } from "../adapters/adapter.js";
import { loadAdapter } from "../adapters/index.js";
import { serverCpuSeconds } from "../runtime/redis.js";
import { perSecond, spread } from "../runtime/stats.js";
import { processQueued } from "./processing.js";
import { sequences, withFreshQueue, type BenchContext, type PerLibrary, type ResultRow, type Scenario } from "./scenario.js";

/** The database of the baseline runs (the kept jobs are in database 0). */
const BASELINE_DB = 1;

interface Figures {
  enqueue: number[];
  process: number[];
}

/** Bulk-enqueues and processes N jobs once on the adapter's queue, on top of what it keeps (`offset` ids). */
async function measureOnce(ctx: BenchContext, adapter: QueueAdapter, offset: number, label: string, figures: Figures): Promise<void> {
  const n = ctx.sizes.jobs;
  const cpuAtStart = await serverCpuSeconds(ctx.redis.admin);
  const started = performance.now();
  await adapter.enqueueBulk(sequences(n, offset));
  figures.enqueue.push(perSecond(n, performance.now() - started));
  const cpuAfterEnqueue = await serverCpuSeconds(ctx.redis.admin);
  figures.process.push(perSecond(n, await processQueued(adapter, n, 100, offset)));
  const cpuAfterProcess = await serverCpuSeconds(ctx.redis.admin);
  // Redis's own time per job tells a slower server apart from a slower client (or a busier machine)
  const micros = (seconds: number) => `${((seconds / n) * 1e6).toFixed(1)} µs`;
  ctx.log(
    `  growth · ${adapter.library} · ${label}: enqueue ${Math.round(figures.enqueue.at(-1)!)}/s ` +
      `(Redis ${micros(cpuAfterEnqueue - cpuAtStart)}/job), process ${Math.round(figures.process.at(-1)!)}/s ` +
      `(Redis ${micros(cpuAfterProcess - cpuAfterEnqueue)}/job)`,
  );
}

/** Keeps `count` finished jobs: queued in bulk and run through a worker, in chunks of 50,000. */
async function keepFinished(ctx: BenchContext, adapter: QueueAdapter, count: number): Promise<void> {
  const chunk = 50_000;
  for (let done = 0; done < count; done += chunk) {
    const size = Math.min(chunk, count - done);
    await adapter.enqueueBulk(sequences(size, done));
    await processQueued(adapter, size, 100, done);
  }
  ctx.log(`  growth · ${adapter.library} · ${count.toLocaleString("en-US")} finished jobs kept`);
}

export const growthScenario: Scenario = {
  id: "growth",
  title: "the same figures with finished jobs kept",
  async run(ctx): Promise<ResultRow[]> {
    const kept = ctx.sizes.keptJobs;
    const empty = new Map<LibraryName, Figures>();
    const loaded = new Map<LibraryName, Figures>();
    const keptRuns = `${kept.toLocaleString("en-US")} kept`;
    for (const library of ctx.libraries) {
      await withFreshQueue(ctx, library, async (loadedQueue) => {
        await keepFinished(ctx, loadedQueue, kept);
        const baselineQueue = await (await loadAdapter(library))({ ...ctx.redis.target, db: BASELINE_DB }, `bench-${randomUUID().slice(0, 8)}`);
        const baseline: Figures = { enqueue: [], process: [] };
        const withKept: Figures = { enqueue: [], process: [] };
        try {
          for (let repeat = 0; repeat < ctx.sizes.repeats; repeat++) {
            await measureOnce(ctx, baselineQueue, repeat * ctx.sizes.jobs, `empty database run ${repeat + 1}`, baseline);
            await measureOnce(ctx, loadedQueue, kept + repeat * ctx.sizes.jobs, `${keptRuns} run ${repeat + 1}`, withKept);
          }
        } finally {
          await baselineQueue.close();
        }
        empty.set(library, baseline);
        loaded.set(library, withKept);
      });
    }
    const values = (from: Map<LibraryName, Figures>, figure: keyof Figures): PerLibrary =>
      Object.fromEntries([...from].map(([library, figures]) => [library, spread(figures[figure])]));
    const keptLabel = `${Math.round(kept / 1000)}k finished kept`;
    const row = (id: string, label: string, values: PerLibrary): ResultRow => ({ id: `growth/${id}`, scenario: "growth", label, unit: "jobs/s", better: "higher", values });
    return [
      row("enqueue-empty", "bulk enqueue, empty database (growth baseline)", values(empty, "enqueue")),
      row("enqueue-kept", `bulk enqueue, ${keptLabel}`, values(loaded, "enqueue")),
      row("process-empty", "process c100, empty database (growth baseline)", values(empty, "process")),
      row("process-kept", `process c100, ${keptLabel}`, values(loaded, "process")),
    ];
  },
};
