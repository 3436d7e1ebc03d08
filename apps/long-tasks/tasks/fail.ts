/**
 * A task that fails on purpose, halfway through, so the page can show what a failure looks like: the
 * job ends `failed`, lands in the failed registry (kept a year, RQ's failure TTL) with its error text.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { currentJob, defineTask } from "@rqts/queue";
import { TASK_NAMES } from "../lib/task-catalog";

/** The failing task, which works for one step of `unitMs` before it throws. */
export function failTask(unitMs: number) {
  return defineTask(TASK_NAMES.fail, async (): Promise<never> => {
    const job = currentJob();
    await job.setProgress(0.5);
    await sleep(unitMs, undefined, { signal: job.signal });
    throw new Error("This task fails on purpose, to show how a failure looks");
  });
}
