/**
 * The runs a freshly opened gallery shows: the newest fetch jobs of the API queue that are queued,
 * running, scheduled, finished or failed — read through the queue and its registries a page of ids at
 * a time, never whole registries.
 */
import { newestFirst } from "./run-order";
import { readRun, type SolRun } from "./sol-runs";
import type { AppQueues } from "./queues";

/** How many runs a page starts with. */
export const RECENT_RUNS = 20;

/** The newest `limit` runs, newest first. */
export async function recentRuns(queues: AppQueues, limit: number = RECENT_RUNS): Promise<SolRun[]> {
  const { api } = queues;
  const page = { start: 0, end: limit - 1 };
  const idLists = await Promise.all([
    api.jobIds(page),
    api.started.jobIds(page),
    api.scheduled.jobIds(page),
    api.deferred.jobIds(page),
    api.finished.jobIds({ ...page, order: "desc" }),
    api.failed.jobIds({ ...page, order: "desc" }),
  ]);
  const ids = [...new Set(idLists.flat())];
  const runs = await Promise.all(ids.map((id) => readRun(api.connection, queues, id)));
  return runs
    .filter((run): run is SolRun => run !== null)
    .sort(newestFirst)
    .slice(0, limit);
}
