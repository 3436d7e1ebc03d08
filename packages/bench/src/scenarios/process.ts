/**
 * Scenarios 4 and 5: process N queued no-op jobs with one worker at concurrency 1, and at 100 with
 * results kept (each library's default retention). Besides jobs/s, each run reads the Redis server's
 * own CPU time, which gives two more figures:
 * - Redis CPU per job: what the library's Redis layout costs the server (scripts, keys, results);
 * - Redis busy: the share of the run's wall time Redis spent working. 1 / (Redis CPU per job) is the
 *   Redis-bound ceiling of that layout on this machine, and busy = throughput / ceiling.
 */
import { perSecond } from "../runtime/stats.js";
import { serverCpuSeconds } from "../runtime/redis.js";
import { processQueued } from "./processing.js";
import { interleavedFigures, sequences, withFreshQueue, type ResultRow, type Scenario } from "./scenario.js";

export function processScenario(concurrency: number): Scenario {
  const id = `process-c${concurrency}`;
  return {
    id,
    title: `process at concurrency ${concurrency}`,
    async run(ctx): Promise<ResultRow[]> {
      const n = ctx.sizes.jobs;
      const figures = await interleavedFigures(ctx, id, (library) =>
        withFreshQueue(ctx, library, async (adapter) => {
          await adapter.enqueueBulk(sequences(n));
          const cpuBefore = await serverCpuSeconds(ctx.redis.admin);
          const elapsed = await processQueued(adapter, n, concurrency);
          const cpu = (await serverCpuSeconds(ctx.redis.admin)) - cpuBefore;
          return { "jobs/s": perSecond(n, elapsed), "Redis µs/job": (cpu / n) * 1e6, "Redis busy %": (cpu / (elapsed / 1000)) * 100 };
        }),
      );
      const rows: ResultRow[] = [
        { id, scenario: id, label: `process, concurrency ${concurrency}`, unit: "jobs/s", better: "higher", values: figures["jobs/s"] },
        { id: `${id}/redis-cpu`, scenario: id, label: `  Redis CPU per job, concurrency ${concurrency}`, unit: "µs", better: "neither", values: figures["Redis µs/job"] },
        {
          id: `${id}/redis-busy`,
          scenario: id,
          label: `  Redis busy, concurrency ${concurrency}`,
          unit: "%",
          better: "neither",
          values: figures["Redis busy %"],
          note: "share of the run Redis's main thread was on CPU: throughput ÷ the layout's Redis-bound ceiling",
        },
      ];
      return rows;
    },
  };
}
