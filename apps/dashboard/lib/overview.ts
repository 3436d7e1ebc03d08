/**
 * The overview page's data: every queue with its seven counts, the workers at a glance, whether
 * workers are suspended, and jobs finished and failed per minute over the last hour, summed over the
 * queues. All of it is O(1) per queue in Redis (LLEN / ZCARD / ZCOUNT and one HMGET per minute), so it
 * costs the same for a queue of ten jobs as for one of a million.
 */
import type { Redis } from "ioredis";
import { JOB_LISTS, throughput, type Inspector, type JobCounts, type QueueSummary, type ThroughputPoint } from "@rqts/queue";

/** Minutes the throughput chart covers. */
export const CHART_MINUTES = 60;

export interface WorkerTally {
  total: number;
  /** Counts by state (`busy`, `idle`, `suspended`, …). */
  byState: Readonly<Record<string, number>>;
  /** Worker-set entries whose worker is gone (maintenance removes them). */
  stale: number;
}

export interface Overview {
  queues: QueueSummary[];
  /** Each list's count over all queues. */
  totals: JobCounts;
  workers: WorkerTally;
  suspended: boolean;
  /** Finished and failed per minute, all queues together, oldest minute first. */
  throughput: ThroughputPoint[];
}

/** Adds up per-minute series of the same minutes. */
export function sumThroughput(series: readonly (readonly ThroughputPoint[])[], now: Date, minutes: number): ThroughputPoint[] {
  const current = Math.floor(now.getTime() / 60_000) * 60_000;
  return Array.from({ length: minutes }, (_, index) => {
    const minute = new Date(current - (minutes - 1 - index) * 60_000);
    let finished = 0;
    let failed = 0;
    for (const points of series) {
      const point = points[index];
      finished += point?.finished ?? 0;
      failed += point?.failed ?? 0;
    }
    return { minute, finished, failed };
  });
}

/** Reads everything the overview shows, in parallel round trips. */
export async function loadOverview(connection: Redis, inspector: Inspector, now = new Date()): Promise<Overview> {
  const [queues, workerList, suspended] = await Promise.all([inspector.queues(), inspector.workers(), inspector.isSuspended()]);
  const series = await Promise.all(queues.map((queue) => throughput(connection, queue.name, { minutes: CHART_MINUTES, now })));
  const totals = Object.fromEntries(JOB_LISTS.map((list) => [list, queues.reduce((sum, queue) => sum + queue.counts[list], 0)])) as JobCounts;
  const byState: Record<string, number> = {};
  for (const worker of workerList.workers) byState[worker.state || "unknown"] = (byState[worker.state || "unknown"] ?? 0) + 1;
  return {
    queues,
    totals,
    workers: { total: workerList.workers.length, byState, stale: workerList.stale },
    suspended,
    throughput: sumThroughput(series, now, CHART_MINUTES),
  };
}
