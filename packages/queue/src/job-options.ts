/**
 * Enqueue options, and how they become the fields of `rq:job:{id}` exactly as RQ 2.10 writes them
 * (every "always" field present, as '' when unset, because Python code tests them for truthiness).
 */
import { randomUUID } from "node:crypto";
import { callString } from "./call-string.js";
import { defaults } from "./defaults.js";
import { toSeconds, type Duration } from "./duration.js";
import { InvalidArgumentError } from "./errors.js";
import { encodeMeta, encodePayload, type JobPayload } from "./serializer.js";
import { rqTimestamp } from "./time.js";
import type { Task } from "./tasks.js";

/** Retry policy. Stored as RQ stores it (`retries_left`, `retry_intervals` in seconds). */
export interface RetryOptions {
  /** Retries after the first attempt (so at most `max + 1` runs). */
  max: number;
  /**
   * Wait before each retry: one duration, or a list indexed as RQ does (the first value repeats while
   * more retries are left than values). 0 re-enqueues at once. @defaultValue 0
   */
  intervals?: Duration | Duration[];
  /** Computed waits instead of `intervals` (rqts only; Python workers see the resulting list, without jitter). */
  backoff?: BackoffOptions;
}

export interface BackoffOptions {
  /** `fixed`: `delay` every time; `exponential`: delay, 2×delay, 4×delay, … */
  type: "fixed" | "exponential";
  delay: Duration;
  /** Upper bound of one wait. @defaultValue none */
  maxDelay?: Duration;
  /** Randomise each wait: `true` waits a uniformly random share of it, a number 0..1 at most that share less. @defaultValue false */
  jitter?: boolean | number;
}

/** A job, by object or id. */
export type JobRef = { readonly id: string } | string;

/** What a job waits for before it is queued. */
export interface DependsOnOptions {
  jobs: JobRef | JobRef[];
  /** Also release the job when a parent fails (not when it is stopped or canceled, as in RQ). @defaultValue false */
  allowFailure?: boolean;
  /** Queue the job at the front once released. @defaultValue false */
  atFront?: boolean;
}

/** A callback: a task (or task name) that the worker runs after the job; with its own timeout. */
export type CallbackOption = Task | string | { task: Task | string; timeout?: Duration };

/** Re-run a job after each success (RQ 2.3's Repeat): `times` more runs, waiting `interval(s)` between. */
export interface RepeatOptions {
  times: number;
  interval?: Duration;
  intervals?: Duration[];
}

/** Options of `queue.enqueue`. Durations are milliseconds or strings like "90s"; -1 means "no limit". */
export interface EnqueueOptions {
  /** The job id. Letters, digits, `_` and `-` only (RQ 2.8's rule). @defaultValue a random UUID */
  jobId?: string;
  /** The job fails with a timeout error when it runs longer; -1 for no limit. Stored in whole seconds. @defaultValue the queue's default, 180 s */
  timeout?: Duration;
  /** How long the job and its result are kept after success; 0 deletes at once, -1 keeps forever. @defaultValue 500 s */
  resultTtl?: Duration;
  /** How long the job may wait in the queue before it expires unstarted. @defaultValue no limit */
  ttl?: Duration;
  /** How long the job and its error are kept after failure; -1 keeps forever. @defaultValue one year */
  failureTtl?: Duration;
  /** Shown by `rq info` and dashboards. @defaultValue a Python-style call string, `task.name(1, 'a')` */
  description?: string;
  /** Free-form JSON kept with the job (`job.meta`); `currentJob().setProgress()` writes `meta.progress`. */
  meta?: Record<string, unknown>;
  /** Put the job at the front of its queue instead of the back. @defaultValue false */
  atFront?: boolean;
  /** Retries on failure. @defaultValue none */
  retry?: RetryOptions;
  /** Jobs (or ids) that must finish first; the job waits in the deferred registry until they have. */
  dependsOn?: JobRef | JobRef[] | DependsOnOptions;
  /** Run after success with `(job, returnValue)`; if it throws, the job fails (as in RQ). Default timeout 60 s. */
  onSuccess?: CallbackOption;
  /** Run after the final failure with `(job, error)`; if it throws, the error is logged and the job stays failed. */
  onFailure?: CallbackOption;
  /** Run after the job was stopped with `(job)`. */
  onStopped?: CallbackOption;
  /** Run the job again after each success. @defaultValue none */
  repeat?: RepeatOptions;
  /** Refuse to enqueue when a job with this id exists (`DuplicateJobError`), atomically. @defaultValue false */
  unique?: boolean;
}

const JOB_ID = /^[A-Za-z0-9_-]+$/;

export function validateJobId(id: string): string {
  if (typeof id !== "string" || !JOB_ID.test(id)) {
    throw new InvalidArgumentError(`jobId "${String(id)}" is invalid: use only letters, digits, "_" and "-" (RQ's rule; ":" is not allowed)`);
  }
  return id;
}

function positiveSeconds(value: Duration, name: string, allowUnlimited: boolean, allowZero: boolean): number {
  const seconds = toSeconds(value, name);
  if (seconds === -1 && !allowUnlimited) throw new InvalidArgumentError(`${name} cannot be unlimited (-1); give a duration such as "1h"`);
  if (seconds === 0 && !allowZero) throw new InvalidArgumentError(`${name} must be greater than 0 (or -1 for no limit)`);
  return seconds;
}

/** A job ready to be written: its id, hash fields and queue placement. */
export interface PreparedJob {
  id: string;
  /** Whether the caller chose the id (`jobId`); else it is a random UUID no other job has. */
  idGiven: boolean;
  atFront: boolean;
  /** Seconds until the queued job expires, or undefined. */
  ttlSeconds: number | undefined;
  fields: Array<[string, string | Buffer]>;
  data: Buffer;
  payload: JobPayload;
  /** Ids of the jobs this one waits for. */
  dependencyIds: string[];
  /** When to queue it, in whole epoch seconds (`enqueueAt` / `enqueueIn`), or undefined for now. */
  dueAt?: number;
  allowFailure: boolean;
  unique: boolean;
}

/** Validates options and builds the job hash for `queue` (status `queued`). */
export function prepareJob(
  queue: string,
  payload: JobPayload,
  options: EnqueueOptions,
  queueDefaultTimeoutSeconds: number,
  now: Date = new Date(),
): PreparedJob {
  if (!Array.isArray(payload.args)) {
    throw new InvalidArgumentError(`The arguments of "${payload.taskName}" must be an array of JSON values; got ${typeof payload.args}`);
  }
  const id = options.jobId === undefined ? randomUUID() : validateJobId(options.jobId);
  const timeout = options.timeout === undefined ? queueDefaultTimeoutSeconds : positiveSeconds(options.timeout, "timeout", true, false);
  let data: Buffer;
  try {
    data = encodePayload(payload);
  } catch (error) {
    throw new InvalidArgumentError(`The arguments of "${payload.taskName}" cannot be stored as JSON: ${(error as Error).message}`);
  }
  const stamp = rqTimestamp(now);
  const fields: Array<[string, string | Buffer]> = [
    ["created_at", stamp],
    ["data", data],
    ["success_callback_name", ""],
    ["failure_callback_name", ""],
    ["stopped_callback_name", ""],
    ["started_at", ""],
    ["ended_at", ""],
    ["last_heartbeat", ""],
    ["worker_name", ""],
    ["group_id", ""],
    ["origin", queue],
    ["description", options.description ?? callString(payload.taskName, payload.args, payload.kwargs)],
    ["enqueued_at", stamp],
    ["timeout", String(timeout)],
  ];
  if (options.resultTtl !== undefined) fields.push(["result_ttl", String(positiveSeconds(options.resultTtl, "resultTtl", true, true))]);
  if (options.failureTtl !== undefined) {
    fields.push(["failure_ttl", String(positiveSeconds(options.failureTtl, "failureTtl", true, true))]);
  }
  fields.push(...retryFields(options.retry), ...repeatFields(options.repeat), ...callbackFields(options));
  const dependency = normaliseDependsOn(options.dependsOn);
  if (dependency.ids.length > 0) {
    fields.push(
      ["dependency_id", dependency.ids[0]!],
      ["dependency_ids", JSON.stringify(dependency.ids)],
      ["allow_dependency_failures", dependency.allowFailure ? "1" : "0"],
      ["enqueue_at_front", dependency.atFront ? "1" : "0"],
    );
  }
  fields.push(["status", "queued"]);
  let ttlSeconds: number | undefined;
  if (options.ttl !== undefined) {
    ttlSeconds = positiveSeconds(options.ttl, "ttl", false, false);
    fields.push(["ttl", String(ttlSeconds)]);
  }
  if (options.meta !== undefined) {
    if (typeof options.meta !== "object" || options.meta === null || Array.isArray(options.meta)) {
      throw new InvalidArgumentError("meta must be a plain object of JSON values");
    }
    if (Object.keys(options.meta).length > 0) fields.push(["meta", encodeMeta(options.meta)]);
  }
  return {
    id,
    idGiven: options.jobId !== undefined,
    atFront: options.atFront === true,
    ttlSeconds,
    fields,
    data,
    payload,
    dependencyIds: dependency.ids,
    allowFailure: dependency.allowFailure,
    unique: options.unique === true,
  };
}

/** The default job timeout in seconds for a queue option. */
export function queueTimeoutSeconds(value: Duration | undefined): number {
  return value === undefined ? defaults.timeoutSeconds : positiveSeconds(value, "defaultTimeout", true, false);
}

function intervalSeconds(value: Duration, name: string): number {
  const seconds = toSeconds(value, name);
  if (seconds < 0) throw new InvalidArgumentError(`${name} must be a duration ≥ 0`);
  return seconds;
}

function wholeCount(value: unknown, name: string, min: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new InvalidArgumentError(`${name} must be a whole number ≥ ${min}; got ${String(value)}`);
  }
  return value;
}

/** The waits of a backoff policy, one per retry, in seconds. */
export function backoffIntervals(backoff: BackoffOptions, retries: number): number[] {
  if (backoff.type !== "fixed" && backoff.type !== "exponential") {
    throw new InvalidArgumentError(`retry.backoff.type must be "fixed" or "exponential"; got ${String(backoff.type)}`);
  }
  const delay = intervalSeconds(backoff.delay, "retry.backoff.delay");
  const cap = backoff.maxDelay === undefined ? Infinity : intervalSeconds(backoff.maxDelay, "retry.backoff.maxDelay");
  // RQ reads the list from its end (index = length - retries left), so the first retry's wait comes first.
  return Array.from({ length: Math.max(retries, 1) }, (_, attempt) =>
    Math.min(cap, backoff.type === "fixed" ? delay : delay * 2 ** attempt),
  );
}

function retryFields(retry: RetryOptions | undefined): Array<[string, string]> {
  if (retry === undefined) return [];
  const max = wholeCount(retry.max, "retry.max", 1);
  let intervals: number[];
  if (retry.backoff) {
    if (retry.intervals !== undefined) throw new InvalidArgumentError("retry: give either intervals or backoff, not both");
    intervals = backoffIntervals(retry.backoff, max);
  } else {
    const given = retry.intervals === undefined ? [0] : Array.isArray(retry.intervals) ? retry.intervals : [retry.intervals];
    if (given.length === 0) throw new InvalidArgumentError("retry.intervals must not be empty");
    intervals = given.map((value, index) => intervalSeconds(value, `retry.intervals[${index}]`));
  }
  const fields: Array<[string, string]> = [
    ["retries_left", String(max)],
    ["retry_intervals", JSON.stringify(intervals)],
  ];
  const jitter = retry.backoff?.jitter;
  if (jitter !== undefined && jitter !== false) {
    const share = jitter === true ? 1 : jitter;
    if (typeof share !== "number" || !(share >= 0 && share <= 1)) {
      throw new InvalidArgumentError("retry.backoff.jitter must be true, false or a number from 0 to 1");
    }
    fields.push(["retry_jitter", String(share)]);
  }
  return fields;
}

function repeatFields(repeat: RepeatOptions | undefined): Array<[string, string]> {
  if (repeat === undefined) return [];
  const times = wholeCount(repeat.times, "repeat.times", 1);
  if (repeat.interval !== undefined && repeat.intervals !== undefined) {
    throw new InvalidArgumentError("repeat: give either interval or intervals, not both");
  }
  const given = repeat.intervals ?? [repeat.interval ?? 0];
  if (given.length === 0) throw new InvalidArgumentError("repeat.intervals must not be empty");
  const intervals = given.map((value, index) => intervalSeconds(value, `repeat.intervals[${index}]`));
  return [
    ["repeats_left", String(times)],
    ["repeat_intervals", JSON.stringify(intervals)],
  ];
}

const CALLBACKS = [
  ["onSuccess", "success"],
  ["onFailure", "failure"],
  ["onStopped", "stopped"],
] as const;

/** RQ's default callback timeout: 60 s. */
const CALLBACK_TIMEOUT_SECONDS = 60;

function callbackFields(options: EnqueueOptions): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const [option, prefix] of CALLBACKS) {
    const given = options[option];
    if (given === undefined) continue;
    const target = typeof given === "object" && "task" in given ? given.task : given;
    const name = typeof target === "string" ? target : target?.name;
    if (typeof name !== "string" || name === "") throw new InvalidArgumentError(`${option} must be a task or a task name`);
    const timeout = typeof given === "object" && "task" in given && given.timeout !== undefined
      ? positiveSeconds(given.timeout, `${option}.timeout`, false, false)
      : CALLBACK_TIMEOUT_SECONDS;
    fields.push([`${prefix}_callback_name`, name], [`${prefix}_callback_timeout`, String(timeout)]);
  }
  return fields;
}

function refId(ref: JobRef, name: string): string {
  const id = typeof ref === "string" ? ref : ref?.id;
  if (typeof id !== "string") throw new InvalidArgumentError(`${name} must list jobs or job ids`);
  return validateJobId(id);
}

/** Reads every accepted form of `dependsOn`. */
export function normaliseDependsOn(dependsOn: EnqueueOptions["dependsOn"]): { ids: string[]; allowFailure: boolean; atFront: boolean } {
  if (dependsOn === undefined) return { ids: [], allowFailure: false, atFront: false };
  const isSpec = typeof dependsOn === "object" && !Array.isArray(dependsOn) && "jobs" in dependsOn;
  const refs = isSpec ? dependsOn.jobs : dependsOn;
  const ids = [...new Set((Array.isArray(refs) ? refs : [refs]).map((ref) => refId(ref as JobRef, "dependsOn")))];
  return {
    ids,
    allowFailure: isSpec ? dependsOn.allowFailure === true : false,
    atFront: isSpec ? dependsOn.atFront === true : false,
  };
}
