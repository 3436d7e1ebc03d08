/**
 * Clean: the maintenance a worker runs every 10 minutes, on demand — the only write the inspector
 * does without being asked for a specific job or queue change. It reuses the workers' own pass
 * (`maintainQueue`, under the same `rq:clean_registries:{q}` lock): expired finished/failed entries
 * are dropped, jobs whose heartbeat expired move to failed as abandoned, ids stuck in an intermediate
 * list go back on their queue, dead workers leave the worker sets.
 */
import type { Redis } from "ioredis";
import { defaults } from "../defaults.js";
import { maintainQueue, type MaintenanceReport } from "../worker/maintenance.js";
import { queueNames } from "./queues.js";

/** What `clean` did to one queue; `skipped` when a worker held the maintenance lock at that moment. */
export type CleanReport = (MaintenanceReport & { skipped: false }) | { queue: string; skipped: true };

/** The name maintenance runs under (it only names the lock holder's worker key, which is never written). */
const CLEANER = "rqts-inspect";

/** Runs one maintenance pass over each queue (default: every queue in `rq:queues`). */
export async function clean(redis: Redis, queues?: readonly string[]): Promise<CleanReport[]> {
  const names = queues ?? (await queueNames(redis));
  const reports: CleanReport[] = [];
  for (const queue of names) {
    const report = await maintainQueue(redis, queue, CLEANER, defaults.intermediateGraceMs);
    reports.push(report ? { ...report, skipped: false } : { queue, skipped: true });
  }
  return reports;
}
