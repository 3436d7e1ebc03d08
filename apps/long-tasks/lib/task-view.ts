/**
 * What the page and the status endpoint show of a job, read from Redis in one place. The field names
 * are the testdriven app's (`task_id`, `task_status`, `task_result`) plus what this app adds.
 */
import type { Redis } from "ioredis";
import { Job, type JobStatus } from "@rqts/queue";
import { TASK_NAMES, isSleepType, type TaskType } from "./task-catalog";
import { loadWordCount, type WordCountRecord } from "./word-count-store";

/** One job as JSON: the `data` of `GET /tasks/{id}` and of each live update. */
export interface TaskData {
  task_id: string;
  /** The button's type, `word-count`, or `other` for a job of a task this app does not know. */
  task_type: TaskType | "word-count" | "other";
  /** RQ's status: queued, started, finished, failed, … */
  task_status: JobStatus;
  /** The stored progress, 0 to 1, or null before the first step. */
  task_progress: number | null;
  /** The return value once finished (a word count's is the saved record's id), else null. */
  task_result: unknown;
  /** The error's last line (`Error: …`) once failed or stopped, else null. */
  task_error: string | null;
  /** The page a word-count job counts. */
  task_url: string | null;
  /** A finished word count's saved record, loaded through the pointer the job returned. */
  word_count: WordCountRecord | null;
  enqueued_at: string | null;
  ended_at: string | null;
}

/** Statuses after which a job does not change again on its own. */
export const ENDED_STATUSES: ReadonlySet<JobStatus> = new Set(["finished", "failed", "stopped", "canceled"]);

/** Reads a job of `queueName`; `null` when there is no such job or it belongs to another queue. */
export async function readTask(redis: Redis, queueName: string, id: string): Promise<TaskData | null> {
  const job = await Job.tryFetch(redis, id);
  if (!job || job.origin !== queueName) return null;
  const { type, url } = describeCall(job);
  const status = job.status;
  const latest = ENDED_STATUSES.has(status) ? await job.latestResult() : null;
  const result = latest?.type === "successful" ? latest.returnValue : null;
  const progress = typeof job.meta.progress === "number" ? job.meta.progress : null;
  return {
    task_id: job.id,
    task_type: type,
    task_status: status,
    task_progress: status === "finished" ? 1 : progress,
    task_result: result,
    task_error: latest && latest.type !== "successful" ? lastLine(latest.excString) : null,
    task_url: url,
    word_count: type === "word-count" && typeof result === "number" ? await loadWordCount(redis, result) : null,
    enqueued_at: job.enqueuedAt?.toISOString() ?? null,
    ended_at: job.endedAt?.toISOString() ?? null,
  };
}

function describeCall(job: Job): { type: TaskData["task_type"]; url: string | null } {
  try {
    const [first] = job.args;
    if (job.taskName === TASK_NAMES.sleep && typeof first === "string" && isSleepType(first)) return { type: first, url: null };
    if (job.taskName === TASK_NAMES.fail) return { type: "fail", url: null };
    if (job.taskName === TASK_NAMES.countWords) return { type: "word-count", url: typeof first === "string" ? first : null };
  } catch {
    // data that does not decode (e.g. pickled by Python): shown as another task, never evaluated
  }
  return { type: "other", url: null };
}

/** The stored error text ends with `Name: message`, like a Python traceback. */
function lastLine(text: string | undefined): string {
  return text?.trimEnd().split("\n").pop()?.trim() || "failed (no error text was stored)";
}
