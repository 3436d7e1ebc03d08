/**
 * `currentJob()`: the job a handler is running, through AsyncLocalStorage (RQ's `get_current_job()`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { RqtsError } from "./errors.js";

/** What a running handler can see and do about its own job. */
export interface JobContext {
  /** The job's id. */
  readonly id: string;
  /** The queue the job came from. */
  readonly queue: string;
  /** The name of the worker running it. */
  readonly workerName: string;
  /** The job's `meta`; change it and call `saveMeta()` to store it. */
  readonly meta: Record<string, unknown>;
  /** Fires when the job must stop: its timeout passed, it was stopped, or the worker shuts down cold. */
  readonly signal: AbortSignal;
  /** Stores `meta` (only that field, so other writers' fields are not clobbered). */
  saveMeta(): Promise<void>;
  /** Records progress (a number, typically 0..1 or 0..100, or any JSON) in `meta.progress`. */
  setProgress(progress: unknown): Promise<void>;
}

const storage = new AsyncLocalStorage<JobContext>();

/** Runs `fn` with `context` as the current job. */
export function runWithJobContext<T>(context: JobContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The running job, inside a task handler. Throws when called outside one. */
export function currentJob(): JobContext {
  const context = storage.getStore();
  if (!context) {
    throw new RqtsError("currentJob() was called outside a running job: call it inside a task handler run by a Worker");
  }
  return context;
}
