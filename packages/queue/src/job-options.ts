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
  atFront: boolean;
  /** Seconds until the queued job expires, or undefined. */
  ttlSeconds: number | undefined;
  fields: Array<[string, string | Buffer]>;
  data: Buffer;
  payload: JobPayload;
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
  return { id, atFront: options.atFront === true, ttlSeconds, fields, data, payload };
}

/** The default job timeout in seconds for a queue option. */
export function queueTimeoutSeconds(value: Duration | undefined): number {
  return value === undefined ? defaults.timeoutSeconds : positiveSeconds(value, "defaultTimeout", true, false);
}
