/**
 * Enqueueing fetches, as the CLI and the web app do it: by task name, on the API queue, with the app's
 * retry policy — now (one `enqueueMany` call), after a delay (`enqueueIn`) or at a time (`enqueueAt`).
 * Nothing waits for the work: the jobs' ids come back at once.
 */
import type { Job, Queue } from "@rqts/queue";
import type { MarsRoverConfig } from "./config";
import type { FetchRequest } from "./fetch-request";
import { RESULT_TTL, retryPolicy } from "./queues";
import { TASK_NAMES } from "./task-names";

/** A fetch job's time limit: one API call and one enqueue. */
const FETCH_TIMEOUT = "2m";

// #region enqueue-fetches
/** Enqueues one fetch job per sol of `request`; returns them in the order of the sols. */
export async function enqueueFetches(api: Queue, request: FetchRequest, config: Pick<MarsRoverConfig, "maxRetries" | "retryDelayMs">): Promise<Job[]> {
  const options = { retry: retryPolicy(config), timeout: FETCH_TIMEOUT, resultTtl: RESULT_TTL };
  const calls = request.sols.map((sol) => [request.rover.name, sol, request.camera] as const);
  const { when } = request;
  if (when.kind === "now") return api.enqueueMany(calls.map((args) => ({ task: TASK_NAMES.fetchSol, args: [...args], options })));
  const jobs: Job[] = [];
  for (const args of calls) {
    // Scheduled: they wait in the scheduled registry until a worker's scheduler queues them.
    if (when.kind === "in") jobs.push(await api.enqueueIn(when.delayMs, TASK_NAMES.fetchSol, [...args], options));
    else jobs.push(await api.enqueueAt(when.date, TASK_NAMES.fetchSol, [...args], options));
  }
  return jobs;
}
// #endregion enqueue-fetches
