/**
 * The TypeScript twins of test/fixtures/interop/probe_tasks.py: the same dotted names, so a job
 * enqueued by either side runs on either side.
 */
import { currentJob, defineTask } from "../../src/index.js";

export const add = defineTask("probe_tasks.add", (a: number, b: number) => a + b);

export const boom = defineTask("probe_tasks.boom", (message: string) => {
  const error = new Error(message);
  error.name = "ValueError";
  throw error;
});

/** Sleeps until its time is up or the job is stopped. */
export const sleepy = defineTask("probe_tasks.sleepy", async (seconds: number) => {
  const { signal } = currentJob();
  await new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
  return seconds;
});

/** Echoes its call: Python keyword arguments arrive as a final object argument. */
export const describe = defineTask("probe_tasks.describe", (...args: unknown[]) => {
  const last = args.at(-1);
  const hasKwargs = typeof last === "object" && last !== null && !Array.isArray(last);
  return { args: hasKwargs ? args.slice(0, -1) : args, kwargs: hasKwargs ? last : {} };
});

export const interopTasks = [add, boom, sleepy, describe];
