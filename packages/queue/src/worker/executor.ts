/**
 * Executor: runs one claimed job inline, in this process. It decodes the call, resolves the task by
 * name, gives the handler its `currentJob()` context and AbortSignal, enforces the timeout, and turns
 * whatever happens into an outcome. It never throws: a bad job becomes a failed job.
 *
 * Inline execution cannot kill a handler that ignores its AbortSignal: at the timeout the job fails
 * and its slot is freed, but the handler's promise runs on unobserved.
 */
import type { Redis } from "ioredis";
import { runWithJobContext, type JobContext } from "../context.js";
import { defaults } from "../defaults.js";
import {
  InvalidArgumentError,
  JobStoppedError,
  JobTimeoutError,
  UnrecoverableError,
  formatException,
  toError,
} from "../errors.js";
import { decodeMeta, decodePayload, encodeExcString, encodeReturnValue } from "../serializer.js";
import type { TaskRegistry } from "../tasks.js";
import type { ClaimedJob } from "./fetcher.js";
import type { JobAbort } from "./job-abort.js";
import { saveRunningJobMeta } from "./job-meta.js";

/** How an execution ended, as the finish script takes it (see lua/finish.ts). */
export type OutcomeKind = "ok" | "fail" | "fatal" | "stop";

export interface Outcome {
  readonly kind: OutcomeKind;
  readonly job: ClaimedJob;
  /** base64 return value (ok) or base64 zlib error text (fail); "" for a null result. */
  readonly payload: string;
  readonly workingSeconds: number;
  readonly value?: unknown;
  readonly error?: Error;
}

export function successOutcome(job: ClaimedJob, value: unknown, workingSeconds: number): Outcome {
  return { kind: "ok", job, payload: encodeReturnValue(value) ?? "", workingSeconds, value };
}

/** A failure: stopped jobs and `UnrecoverableError`s are never retried. */
export function failureOutcome(job: ClaimedJob, error: Error, workingSeconds: number): Outcome {
  const kind: OutcomeKind = error instanceof JobStoppedError ? "stop" : error instanceof UnrecoverableError ? "fatal" : "fail";
  return { kind, job, payload: encodeExcString(formatException(error)), workingSeconds, error };
}

/** The longest delay setTimeout can wait (about 24.8 days): it fires at once for anything longer. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The timeout of a claimed job in ms, from its `timeout` field (RQ's default 180 s; -1: none). A field
 * that is not a number, or a timeout longer than a timer can wait, counts as none.
 */
export function jobTimeoutMs(job: ClaimedJob): number {
  const seconds = Number(job.fields.timeout || defaults.timeoutSeconds);
  return !Number.isFinite(seconds) || seconds < 0 || seconds * 1000 > MAX_TIMER_MS ? Infinity : seconds * 1000;
}

/**
 * What the worker runs jobs with: `Executor` (inline, in this process) or `ProcessExecutor` (a pool
 * of child processes, `isolation: "process"`). `start` runs before the first job; `close` after the last.
 */
export interface JobExecutor {
  execute(job: ClaimedJob, abort: JobAbort): Promise<Outcome>;
  start?(): Promise<void>;
  close?(options: { cold: boolean }): Promise<void>;
}

/** The arguments a handler is called with: the positional ones, then kwargs as one object if any. */
export function callArguments(taskName: string, handlerArity: number, args: unknown[], kwargs: Record<string, unknown>): unknown[] {
  const callArgs = Object.keys(kwargs).length > 0 ? [...args, kwargs] : args;
  if (callArgs.length < handlerArity) {
    throw new InvalidArgumentError(
      `Task "${taskName}" takes ${handlerArity} argument(s) but the job has ${callArgs.length}: ${JSON.stringify(callArgs)}`,
    );
  }
  return callArgs;
}

export class Executor implements JobExecutor {
  constructor(
    private readonly redis: Redis,
    private readonly tasks: TaskRegistry,
    private readonly workerName: string,
  ) {}

  /** Runs the job; `abort` aborts it from outside (stop, cold shutdown). */
  async execute(job: ClaimedJob, abort: JobAbort): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    try {
      const payload = decodePayload(job.data);
      const task = this.tasks.resolve(payload.taskName);
      const args = callArguments(task.name, task.handler.length, payload.args, payload.kwargs);
      const context = new InlineJobContext(this.redis, job, this.workerName, abort);
      const run = new Promise<unknown>((resolve) => resolve(runWithJobContext(context, () => task.handler(...args))));
      const value = await withTimeout(run, jobTimeoutMs(job), abort);
      return successOutcome(job, value, elapsed());
    } catch (thrown) {
      return failureOutcome(job, toError(thrown), elapsed());
    }
  }
}

/** `currentJob()` for an inline job (a class: its methods are shared, not made again for every job). */
class InlineJobContext implements JobContext {
  readonly id: string;
  readonly queue: string;
  readonly meta: Record<string, unknown>;

  constructor(
    private readonly redis: Redis,
    private readonly job: ClaimedJob,
    readonly workerName: string,
    private readonly abort: JobAbort,
  ) {
    this.id = job.id;
    this.queue = job.queue;
    this.meta = decodeMeta(job.fields.meta);
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  saveMeta(): Promise<void> {
    return saveRunningJobMeta(this.redis, this.job, this.meta);
  }

  async setProgress(progress: unknown): Promise<void> {
    this.meta.progress = progress;
    await saveRunningJobMeta(this.redis, this.job, this.meta, { value: progress });
  }
}

/**
 * Resolves like `work`, or rejects with the abort reason when `abort` fires: a stop, a cold shutdown,
 * or `JobTimeoutError` after `ms` (this aborts it). One promise per job: the hot path runs it for
 * every job, and each promise costs the AsyncLocalStorage bookkeeping too.
 */
function withTimeout<T>(work: Promise<T>, ms: number, abort: JobAbort): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = ms === Infinity ? undefined : setTimeout(() => abort.abort(new JobTimeoutError(Math.round(ms / 1000))), ms);
    const removeListener = abort.onAbort((reason) => {
      clearTimeout(timer);
      reject(reason);
    });
    work.then(
      (value) => {
        clearTimeout(timer);
        removeListener();
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        removeListener();
        reject(error);
      },
    );
  });
}
