/**
 * The shape the three enqueue scenarios share: on an empty server, time how long a library takes to
 * store N jobs one way, then check that the library itself reports N jobs waiting.
 */
import type { QueueAdapter } from "../adapters/adapter.js";
import { perSecond } from "../runtime/stats.js";
import { interleaved, sequences, withFreshQueue, type BenchContext, type ResultRow, type Scenario } from "./scenario.js";

export type EnqueueWay = (adapter: QueueAdapter, payloads: readonly number[], ctx: BenchContext) => Promise<void>;

export function enqueueScenario(id: string, title: string, enqueue: EnqueueWay): Scenario {
  return {
    id,
    title,
    async run(ctx): Promise<ResultRow[]> {
      const n = ctx.sizes.jobs;
      const values = await interleaved(ctx, id, (library) =>
        withFreshQueue(ctx, library, async (adapter) => {
          const payloads = sequences(n);
          const started = performance.now();
          await enqueue(adapter, payloads, ctx);
          const elapsed = performance.now() - started;
          const { waiting } = await adapter.counts();
          if (waiting !== n) throw new Error(`${library} ${id}: enqueued ${n} jobs but the library reports ${waiting} waiting`);
          return perSecond(n, elapsed);
        }),
      );
      return [{ id, scenario: id, label: title, unit: "jobs/s", better: "higher", values }];
    },
  };
}
