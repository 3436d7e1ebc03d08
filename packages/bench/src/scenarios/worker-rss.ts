/**
 * Scenario 7: worker peak RSS. The bench queues N jobs, then a separate Node process runs one worker
 * of one library over them at concurrency 100 (results kept) and reports its peak resident set size.
 * (The floor, a bare `node` process, is in the results' machine section.)
 */
import { bundled } from "../runtime/bundle.js";
import { runChild } from "../runtime/child.js";
import { expectAllCompleted } from "./processing.js";
import { interleaved, sequences, withFreshQueue, type ResultRow, type Scenario } from "./scenario.js";
import type { WorkerRssReport } from "./worker-rss-child.js";

const CONCURRENCY = 100;

export const workerRssScenario: Scenario = {
  id: "worker-rss",
  title: "worker peak RSS",
  async run(ctx): Promise<ResultRow[]> {
    const n = ctx.sizes.jobs;
    const child = await bundled("worker-rss-child");
    const values = await interleaved(ctx, "worker-rss", (library) =>
      withFreshQueue(ctx, library, async (adapter) => {
        await adapter.enqueueBulk(sequences(n));
        const { port, host } = ctx.redis.target;
        const { result } = await runChild<WorkerRssReport>(child, [library, host, String(port), adapter.queueName, String(n), String(CONCURRENCY)]);
        await expectAllCompleted(adapter, n, "after the worker-RSS child ran");
        return result.peakRssMb;
      }),
    );
    return [
      {
        id: "worker-rss",
        scenario: "worker-rss",
        label: "worker peak RSS",
        unit: "MB",
        better: "lower",
        values,
        note: `a separate plain-node process running one worker over ${n.toLocaleString("en-US")} jobs at concurrency ${CONCURRENCY}`,
      },
    ];
  },
};
