/**
 * A "run" as the gallery shows it: one fetch job and everything it fanned out — its status, the photos
 * processed so far (thumbnails), and the sol's summary once its summary job has run. Read from Redis
 * in one place, for the page's first view and for each live update.
 *
 * Reading order: the fetch job; once it finished, its result (which names the photo and summary jobs);
 * then the summary job's result when it has one, else each photo job's (while the sol is processed).
 */
import type { Redis } from "ioredis";
import { Job, type JobStatus } from "@rqts/queue";
import { fetchCallOf, type FetchCall } from "./fetch-call";
import type { FetchResult } from "./fetch-run";
import { ENDED_STATUSES, lastLine, readPhotoJob } from "./photo-jobs";
import type { AppQueues } from "./queues";
import { dueTime } from "./schedule";
import type { PhotoInfo, SolSummary } from "./summary";

/** One run, as JSON: a card of the gallery. */
export interface SolRun extends FetchCall {
  /** The fetch job's id. */
  id: string;
  status: JobStatus;
  /** When a scheduled run (or a retry) is due, ISO 8601 UTC. */
  dueAt: string | null;
  createdAt: string | null;
  endedAt: string | null;
  /** Attempts made so far (more than 1 after retries). */
  attempts: number;
  /** The fetch's error once it failed for good. */
  error: string | null;
  /** Photos NASA listed for the sol; `null` until fetched. */
  photoCount: number | null;
  /** The original tutorial's random photo. */
  randomPhoto: string | null;
  /** Photo jobs fanned out. */
  photoJobs: number;
  /** Photos processed so far, by id. */
  photos: PhotoInfo[];
  /** Photo jobs that failed for good. */
  photosFailed: number;
  summaryStatus: JobStatus | null;
  /** The sol's summary (its photos are in `photos`), once the summary job finished. */
  summary: Omit<SolSummary, "photos"> | null;
}

/** Reads run `id` of the API queue; `null` when there is no such fetch job there. */
export async function readRun(redis: Redis, queues: AppQueues, id: string): Promise<SolRun | null> {
  const job = await Job.tryFetch(redis, id);
  const call = job && job.origin === queues.api.name ? fetchCallOf(job) : null;
  if (!job || !call) return null;
  const run: SolRun = {
    id,
    ...call,
    status: job.status,
    dueAt: job.status === "scheduled" ? await dueTime(queues.api, id) : null,
    createdAt: job.createdAt?.toISOString() ?? null,
    endedAt: job.endedAt?.toISOString() ?? null,
    attempts: job.attempts,
    error: null,
    photoCount: null,
    randomPhoto: null,
    photoJobs: 0,
    photos: [],
    photosFailed: 0,
    summaryStatus: null,
    summary: null,
  };
  if (!ENDED_STATUSES.has(job.status)) return run;
  const latest = await job.latestResult();
  if (latest && latest.type !== "successful") return { ...run, error: lastLine(latest.excString) };
  const result = latest?.type === "successful" && isFetchResult(latest.returnValue) ? latest.returnValue : null;
  if (!result) return run;
  return readFanOut(redis, { ...run, sol: result.sol, photoCount: result.photoCount, randomPhoto: result.randomPhoto, photoJobs: result.photoJobIds.length }, result);
}

async function readFanOut(redis: Redis, run: SolRun, result: FetchResult): Promise<SolRun> {
  const summaryJob = result.summaryJobId ? await Job.tryFetch(redis, result.summaryJobId) : null;
  const withStatus = { ...run, summaryStatus: summaryJob?.status ?? null };
  const latest = summaryJob?.status === "finished" ? await summaryJob.latestResult() : null;
  if (latest?.type === "successful" && isSummary(latest.returnValue)) {
    const { photos, ...summary } = latest.returnValue;
    return { ...withStatus, photos, photosFailed: summary.failed, summary };
  }
  // Still being processed: each photo job that finished so far.
  const outcomes = await Promise.all(result.photoJobIds.map((jobId) => readPhotoJob(redis, jobId)));
  return {
    ...withStatus,
    photos: outcomes.flatMap((outcome) => (outcome.ok ? [outcome.photo] : [])).sort((a, b) => a.id - b.id),
    photosFailed: outcomes.filter((outcome) => outcome.ok === false).length,
  };
}

function isFetchResult(value: unknown): value is FetchResult {
  const result = value as Partial<FetchResult> | null;
  return typeof result === "object" && result !== null && Array.isArray(result.photoJobIds) && result.photoJobIds.every((id) => typeof id === "string");
}

function isSummary(value: unknown): value is SolSummary {
  const summary = value as Partial<SolSummary> | null;
  return typeof summary === "object" && summary !== null && Array.isArray(summary.photos) && typeof summary.failed === "number";
}
