/**
 * How the jobs of one fetch are named. The fetch job (a "run") gets a random id, or the scheduler's
 * `cron-…` id; the jobs it fans out are named after it, so that
 * - any event about a photo or summary job tells which run it belongs to, without reading Redis, and
 * - a fetch that runs twice (retried after its worker died mid-fan-out) finds its jobs already there
 *   instead of making a second set (they are enqueued with `unique`).
 *
 * Job ids allow letters, digits, `-` and `_` (RQ's rule); run ids never contain `_`, so the first `_`
 * ends the run id.
 */

/** The job that downloads photo `photoId` for run `runId`. */
export function photoJobId(runId: string, photoId: number): string {
  return `${runId}_photo_${photoId}`;
}

/** The job that summarises run `runId`'s sol once its photo jobs have ended. */
export function summaryJobId(runId: string): string {
  return `${runId}_summary`;
}

/** The run a job id belongs to: the id itself for a fetch job. */
export function runIdOf(jobId: string): string {
  const cut = jobId.indexOf("_");
  return cut === -1 ? jobId : jobId.slice(0, cut);
}
