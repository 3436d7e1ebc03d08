/**
 * Scenario 9: cost as work grows. For one library at a time, on an empty server: bulk enqueue N and
 * process N at concurrency 100 (the repeats), then keep 200,000 finished jobs (queued and run through
 * the library itself, default retention), then the same figures again with them kept. The empty and
 * the loaded figures are taken a minute apart at most, so the machine's drift barely touches their
 * ratio. (Libraries are not interleaved here: each needs its 200,000 jobs on the server.)
 */
import type { LibraryName, QueueAdapter } from "../adapters/adapter.js";
import { serverCpuSeconds } from "../runtime/redis.js";
import { perSecond, spread } from "../runtime/stats.js";
import { processQueued } from "./processing.js";
import { sequences, withFreshQueue, type BenchContext, type PerLibrary, type ResultRow, type Scenario } from "./scenario.js";

interface Figures {
  enqueue: number[];
  process: number[];
}

/** Bulk-enqueues and processes N jobs `repeats` times on the adapter's queue, on top of what it keeps. */
async function measure(ctx: BenchContext, adapter: QueueAdapter, kept: number, label: string): Promise<Figures> {
  const n = ctx.sizes.jobs;
  const figures: Figures = { enqueue: [], process: [] };
  for (let repeat = 0; repeat < ctx.sizes.repeats; repeat++) {
    const offset = kept + repeat * n;
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
      `  growth · ${adapter.library} · ${label} run ${repeat + 1}: enqueue ${Math.round(figures.enqueue.at(-1)!)}/s ` +
        `(Redis ${micros(cpuAfterEnqueue - cpuAtStart)}/job), process ${Math.round(figures.process.at(-1)!)}/s ` +
        `(Redis ${micros(cpuAfterProcess - cpuAfterEnqueue)}/job)`,
    );
  }
  return figures;
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
    for (const library of ctx.libraries) {
      await withFreshQueue(ctx, library, async (baselineQueue) => {
        empty.set(library, await measure(ctx, baselineQueue, 0, "empty"));
      });
      await withFreshQueue(ctx, library, async (adapter) => {
        await keepFinished(ctx, adapter, kept);
        loaded.set(library, await measure(ctx, adapter, kept, `${kept.toLocaleString("en-US")} kept`));
      });
    }
    const values = (from: Map<LibraryName, Figures>, figure: keyof Figures): PerLibrary =>
      Object.fromEntries([...from].map(([library, figures]) => [library, spread(figures[figure])]));
    const keptLabel = `${Math.round(kept / 1000)}k finished kept`;
    const row = (id: string, label: string, values: PerLibrary): ResultRow => ({ id: `growth/${id}`, scenario: "growth", label, unit: "jobs/s", better: "higher", values });
    return [
      row("enqueue-empty", "bulk enqueue, empty server (growth baseline)", values(empty, "enqueue")),
      row("enqueue-kept", `bulk enqueue, ${keptLabel}`, values(loaded, "enqueue")),
      row("process-empty", "process c100, empty server (growth baseline)", values(empty, "process")),
      row("process-kept", `process c100, ${keptLabel}`, values(loaded, "process")),
    ];
  },
};
