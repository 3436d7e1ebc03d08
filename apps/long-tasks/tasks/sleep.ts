/**
 * The short, medium and long tasks of testdriven's tutorial: the original slept `task_type * 10`
 * seconds and returned True. This one sleeps in steps of `unitMs` and stores its progress after each
 * step, so the page can show how far along it is.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { currentJob, defineTask, UnrecoverableError } from "@rqts/queue";
import { isSleepType, SLEEP_STEPS, TASK_NAMES } from "../lib/task-catalog";

// #region sleep-task
/** The sleeping task, with `unitMs` milliseconds per step (1000 gives the original's 10/20/30 s). */
export function sleepTask(unitMs: number) {
  return defineTask(TASK_NAMES.sleep, async (type: string) => {
    if (!isSleepType(type)) throw new UnrecoverableError(`type must be short, medium or long, got ${JSON.stringify(type)}`);
    const job = currentJob();
    const steps = SLEEP_STEPS[type];
    for (let step = 1; step <= steps; step++) {
      // The job's signal fires on its timeout or a stop: the sleep then throws and the job ends.
      await sleep(unitMs, undefined, { signal: job.signal });
      await job.setProgress(Math.round((100 * step) / steps) / 100); // 0.03, not 0.0333…: stored in meta.progress and published live
    }
    return true;
  });
}
// #endregion sleep-task
