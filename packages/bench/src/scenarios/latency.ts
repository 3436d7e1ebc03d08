/**
 * Scenario 6: latency at a steady rate. A worker (concurrency 10) waits on an empty queue; a producer
 * enqueues 500 jobs/s for 10 s on a fixed schedule (open loop: it never waits for a job before sending
 * the next, so a slow library cannot slow the arrivals down). For every job it records the time the
 * enqueue call was made, the time its handler started and the time the library reported it completed
 * (all on one clock: producer and worker share this process). Reported: p50 and p99 of enqueue → start
 * and enqueue → completion, each the median of the repeats.
 */
import type { QueueAdapter } from "../adapters/adapter.js";
import { percentile } from "../runtime/stats.js";
import { withDeadline, expectAllCompleted } from "./processing.js";
import { interleavedFigures, withFreshQueue, type ResultRow, type Scenario } from "./scenario.js";

/** Time for a fresh worker to settle (blocking connections armed) before arrivals start. */
const SETTLE_MS = 200;

interface Timeline {
  enqueuedAt: Float64Array;
  startedAt: Float64Array;
  completedAt: Float64Array;
}

export const latencyScenario: Scenario = {
  id: "latency",
  title: "latency at a steady rate",
  async run(ctx): Promise<ResultRow[]> {
    const { latencyRate: rate, latencySeconds: seconds, latencyConcurrency: concurrency } = ctx.sizes;
    const figures = await interleavedFigures(ctx, "latency", (library) =>
      withFreshQueue(ctx, library, async (adapter) => {
        const timeline = await steadyArrivals(adapter, rate * seconds, rate, concurrency);
        const toStart = Array.from(timeline.startedAt, (at, i) => at - timeline.enqueuedAt[i]!);
        const toCompletion = Array.from(timeline.completedAt, (at, i) => at - timeline.enqueuedAt[i]!);
        return {
          "start p50": percentile(toStart, 50),
          "start p99": percentile(toStart, 99),
          "completion p50": percentile(toCompletion, 50),
          "completion p99": percentile(toCompletion, 99),
        };
      }),
    );
    const at = `${rate} jobs/s, ${seconds} s, concurrency ${concurrency}`;
    const row = (id: string, label: string, values: ResultRow["values"]): ResultRow => ({
      id: `latency/${id}`,
      scenario: "latency",
      label,
      unit: "ms",
      better: "lower",
      values,
      note: at,
    });
    return [
      row("start-p50", "latency enqueue → start, p50", figures["start p50"]),
      row("start-p99", "latency enqueue → start, p99", figures["start p99"]),
      row("completion-p50", "latency enqueue → completion, p50", figures["completion p50"]),
      row("completion-p99", "latency enqueue → completion, p99", figures["completion p99"]),
    ];
  },
};

async function steadyArrivals(adapter: QueueAdapter, total: number, rate: number, concurrency: number): Promise<Timeline> {
  const timeline: Timeline = { enqueuedAt: new Float64Array(total), startedAt: new Float64Array(total), completedAt: new Float64Array(total) };
  let completed = 0;
  let finish: (() => void) | undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const worker = await adapter.startWorker({
    concurrency,
    onStart: (sequence) => (timeline.startedAt[sequence] = performance.now()),
    onComplete: (sequence) => {
      timeline.completedAt[sequence] = performance.now();
      if (++completed === total) finish!();
    },
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const sends: Array<Promise<void>> = [];
    const intervalMs = 1000 / rate;
    const origin = performance.now();
    let sent = 0;
    while (sent < total) {
      // send every job whose time has come (catching up if a timer fired late), then sleep until the next
      while (sent < total && origin + sent * intervalMs <= performance.now()) {
        timeline.enqueuedAt[sent] = performance.now();
        sends.push(adapter.enqueueOne(sent));
        sent++;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, origin + sent * intervalMs - performance.now())));
    }
    await Promise.all(sends);
    await withDeadline(allDone, total, `${adapter.library} latency run`, () => `${completed} of ${total} completed`);
  } finally {
    await worker.stop();
  }
  for (let i = 0; i < total; i++) {
    if (!timeline.startedAt[i] || !timeline.completedAt[i]) throw new Error(`${adapter.library}: job ${i} never started or completed`);
  }
  await expectAllCompleted(adapter, total, "after the latency run");
  return timeline;
}
