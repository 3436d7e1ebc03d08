/**
 * Reading a photo job's outcome back: what the summary task adds up, and what the gallery shows while a
 * sol is being processed. Job data is read, never run: a result that is not a photo counts as a failure.
 */
import type { Redis } from "ioredis";
import { Job, type JobStatus } from "@rqts/queue";
import type { PhotoInfo, PhotoOutcome } from "./summary";

/** A photo job that has not ended yet. */
export interface PendingPhoto {
  jobId: string;
  ok: null;
  status: JobStatus;
}

/** Statuses after which a job does not change on its own. */
export const ENDED_STATUSES: ReadonlySet<JobStatus> = new Set(["finished", "failed", "stopped", "canceled"]);

/** The outcome of photo job `jobId`, or that it is still pending. */
export async function readPhotoJob(redis: Redis, jobId: string): Promise<PhotoOutcome | PendingPhoto> {
  const job = await Job.tryFetch(redis, jobId);
  if (!job) return { jobId, ok: false, error: "the job is gone (it expired or was deleted)" };
  if (!ENDED_STATUSES.has(job.status)) return { jobId, ok: null, status: job.status };
  const result = await job.latestResult();
  if (job.status === "finished" && result?.type === "successful" && isPhotoInfo(result.returnValue)) {
    return { jobId, ok: true, photo: result.returnValue };
  }
  if (job.status === "finished") return { jobId, ok: false, error: "finished without a photo in its result" };
  return { jobId, ok: false, error: result && result.type !== "successful" ? lastLine(result.excString) : `ended ${job.status}` };
}

/** The last line of a stored error text (`Name: message`, like a Python traceback's). */
export function lastLine(text: string | undefined): string {
  return text?.trimEnd().split("\n").pop()?.trim() || "failed (no error text was stored)";
}

function isPhotoInfo(value: unknown): value is PhotoInfo {
  const photo = value as Partial<PhotoInfo> | null;
  return (
    typeof photo === "object" &&
    photo !== null &&
    Number.isSafeInteger(photo.id) &&
    typeof photo.camera === "string" &&
    typeof photo.imgSrc === "string" &&
    Number.isSafeInteger(photo.bytes) &&
    Number.isSafeInteger(photo.width) &&
    Number.isSafeInteger(photo.height) &&
    typeof photo.sha256 === "string"
  );
}
