/**
 * The quickstart's tasks. Redis stores only a task's name (`quickstart.count-words`) and its JSON
 * arguments, never code: a worker runs the tasks it was given, and a Python producer could enqueue
 * these by name.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { currentJob, defineTask } from "@rqts/queue";

/** RQ's classic `count_words_at_url`, kept offline: counts the words of a text instead of a web page. */
export const countWords = defineTask("quickstart.count-words", (text: string) => text.split(/\s+/).filter(Boolean).length);

/**
 * Squares a number slowly, in `steps` steps of 100 ms, storing its progress (0..1) in the job's meta
 * after each one so that anyone holding the job id can follow it.
 */
export const slowSquare = defineTask("quickstart.slow-square", async (n: number, steps: number = 5) => {
  const job = currentJob();
  for (let step = 1; step <= steps; step++) {
    // The job's signal fires on timeout or a cold stop: the sleep then throws and the job fails.
    await sleep(100, undefined, { signal: job.signal });
    await job.setProgress(step / steps);
  }
  return n * n;
});

/** Fails on purpose, to show a failure: the job lands in the failed registry with its error text. */
export const alwaysFails = defineTask("quickstart.always-fails", (reason: string): never => {
  throw new Error(`failing on purpose: ${reason}`);
});

/** Every task of the quickstart: what its worker may run. */
export const tasks = [countWords, slowSquare, alwaysFails];
