/**
 * The fan-out of one fetch: a photo job per photo, and a summary job that depends on all of them.
 *
 * Everything goes to the photos queue in one `enqueueMany` — one Lua call, all or nothing — so a worker
 * dying halfway can never leave photo jobs without their summary, or a summary waiting on photo jobs
 * that were never made. The summary job waits in the deferred registry and is released, atomically, by
 * the script that records the last photo job's end; `allowFailure` releases it even when a photo failed
 * for good, so the summary reports the failure instead of waiting for ever.
 *
 * That holds for one call of up to 1,000 jobs, so a fan-out takes at most `MAX_PHOTOS_PER_FAN_OUT`
 * photos (Curiosity's busiest sols have fewer; fetch one camera at a time for more); the fetch result
 * says how many it left out.
 *
 * Ids come from the run's id (job-ids.ts) and are enqueued `unique`: if the fetch job runs again after
 * its fan-out was written (its worker died before recording the result), the second fan-out is refused
 * as a whole and the first one stands.
 */
import { DuplicateJobError, type JobSpec, type Queue, type RetryOptions } from "@rqts/queue";
import { photoJobId, summaryJobId } from "./job-ids";
import type { MarsPhoto } from "./nasa-client";
import { RESULT_TTL } from "./queues";
import type { SolDay } from "./summary";
import { TASK_NAMES } from "./task-names";

/** The argument of a summary job; the photo jobs it adds up are the ones it depends on. */
export interface SummaryTask extends SolDay {
  runId: string;
}

export interface FanOut {
  photoJobIds: string[];
  summaryJobId: string;
  /** False when an earlier attempt of the fetch job had written this fan-out already. */
  created: boolean;
}

/** Photo jobs plus the summary job fit one enqueue batch (1,000 jobs), which is written atomically. */
export const MAX_PHOTOS_PER_FAN_OUT = 999;

/** Time limits: a photo download, and adding up a sol's results. */
const PHOTO_TIMEOUT = "2m";
const SUMMARY_TIMEOUT = "5m";

// #region fan-out
/** Enqueues one photo job per photo of `day`, and the summary job that waits for all of them. */
export async function fanOut(photosQueue: Queue, runId: string, day: SolDay, photos: readonly MarsPhoto[], retry?: RetryOptions): Promise<FanOut> {
  if (photos.length > MAX_PHOTOS_PER_FAN_OUT) throw new RangeError(`fanOut: at most ${MAX_PHOTOS_PER_FAN_OUT} photos, got ${photos.length}`);
  const photoJobIds = photos.map((photo) => photoJobId(runId, photo.id));
  const summary: SummaryTask = { runId, ...day };
  const specs: JobSpec[] = photos.map((photo, index) => ({
    task: TASK_NAMES.processPhoto,
    args: [photo],
    options: { jobId: photoJobIds[index], unique: true, retry, timeout: PHOTO_TIMEOUT, resultTtl: RESULT_TTL },
  }));
  specs.push({
    task: TASK_NAMES.summarizeSol,
    args: [summary],
    options: {
      jobId: summaryJobId(runId),
      unique: true,
      dependsOn: { jobs: photoJobIds, allowFailure: true }, // deferred until every photo job has ended
      timeout: SUMMARY_TIMEOUT,
      resultTtl: RESULT_TTL,
    },
  });
  try {
    await photosQueue.enqueueMany(specs); // one Lua call per 1,000 jobs: all of them, or none
    return { photoJobIds, summaryJobId: summaryJobId(runId), created: true };
  } catch (error) {
    if (!(error instanceof DuplicateJobError)) throw error;
    return { photoJobIds, summaryJobId: summaryJobId(runId), created: false };
  }
}
// #endregion fan-out
