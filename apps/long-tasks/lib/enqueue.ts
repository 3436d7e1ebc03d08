/**
 * Enqueueing, as the web app does it: by task name, with timeouts that fit each task. Nothing waits
 * for the job; the route answers 202 with its id at once.
 */
import type { Job, Queue } from "@rqts/queue";
import { SLEEP_STEPS, TASK_NAMES, isSleepType, type TaskType } from "./task-catalog";

/** How long word counts' pointers stay readable, as the realpython app's `result_ttl=5000`. */
export const WORD_COUNT_RESULT_TTL = "5000s";

// #region enqueue-task
/** Enqueues a button's task; `unitMs` sizes its timeout (twice the planned time, at least RQ's 180 s). */
export function enqueueTask(queue: Queue, type: TaskType, unitMs: number): Promise<Job> {
  if (!isSleepType(type)) return queue.enqueue(TASK_NAMES.fail, [], { timeout: timeoutFor(1, unitMs) });
  return queue.enqueue(TASK_NAMES.sleep, [type], { timeout: timeoutFor(SLEEP_STEPS[type], unitMs) });
}
// #endregion enqueue-task

/** Enqueues a word count of `url` (already checked by the URL policy). */
export function enqueueWordCount(queue: Queue, url: URL): Promise<Job> {
  return queue.enqueue(TASK_NAMES.countWords, [url.href], { timeout: "1m", resultTtl: WORD_COUNT_RESULT_TTL });
}

function timeoutFor(steps: number, unitMs: number): number {
  return Math.max(180_000, 2 * steps * unitMs);
}
