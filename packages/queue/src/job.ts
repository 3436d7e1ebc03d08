/**
 * Job: one function call stored in `rq:job:{id}`. Read it by id, follow its status, read its result,
 * wait for it, cancel, requeue or delete it. A Job object is a snapshot: `refresh()` reloads it.
 */
import type { Redis } from "ioredis";
import {
  InvalidArgumentError,
  InvalidJobOperationError,
  JobFailedError,
  MalformedJobError,
  NoSuchJobError,
  ResultTimeoutError,
} from "./errors.js";
import { toMilliseconds, type Duration } from "./duration.js";
import { keys } from "./keys.js";
import { cancelScript } from "./lua/cancel.js";
import { deleteJobScript } from "./lua/delete-job.js";
import { requeueScript } from "./lua/requeue.js";
import { saveMetaScript } from "./lua/save-meta.js";
import { sendCommand } from "./worker/commands.js";
import { latestResult, parseResultEntry, resultHistory, type JobResult } from "./results.js";
import { runScript } from "./scripts.js";
import { decodeMeta, decodePayload, encodeMeta, type JobPayload } from "./serializer.js";
import { epochSeconds, parseRqTimestamp, rqTimestamp } from "./time.js";

/** RQ's statuses. `created` is a hash with no status yet; `stopped` jobs sit in the failed registry. */
export type JobStatus = "created" | "queued" | "started" | "deferred" | "scheduled" | "finished" | "failed" | "stopped" | "canceled";

const STATUSES: ReadonlySet<string> = new Set(["created", "queued", "started", "deferred", "scheduled", "finished", "failed", "stopped", "canceled"]);

/** A stored status as a JobStatus; anything unknown (or none) reads as `created`. */
export function toStatus(text: string | undefined): JobStatus {
  return text && STATUSES.has(text) ? (text as JobStatus) : "created";
}

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Splits HGETALL-as-buffers into text fields and the binary `data`. */
export function splitHash(flat: readonly Buffer[]): { fields: Record<string, string>; data: Buffer | undefined } {
  const fields: Record<string, string> = {};
  let data: Buffer | undefined;
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const name = flat[i]!.toString();
    if (name === "data") data = flat[i + 1];
    else fields[name] = flat[i + 1]!.toString();
  }
  return { fields, data };
}

export class Job<Result = unknown> {
  /** The job's `meta`; change it and call `saveMeta()`. */
  meta: Record<string, unknown>;
  private fields: Record<string, string>;
  private data: Buffer | undefined;
  private payload: JobPayload | undefined;

  /** Use `Job.fetch`, `queue.fetchJob` or `queue.enqueue` rather than this constructor. */
  constructor(
    readonly connection: Redis,
    readonly id: string,
    fields: Record<string, string>,
    data: Buffer | undefined,
    payload?: JobPayload,
  ) {
    this.fields = fields;
    this.data = data;
    this.payload = payload;
    this.meta = decodeMeta(fields.meta);
  }

  /**
   * Loads a job by id; throws `NoSuchJobError` when it does not exist, `MalformedJobError` when its key
   * holds something other than a hash.
   */
  static async fetch<Result = unknown>(connection: Redis, id: string): Promise<Job<Result>> {
    const job = await Job.tryFetch<Result>(connection, id);
    if (!job) throw new NoSuchJobError(id);
    return job;
  }

  /** Loads a job by id, or `null` when it does not exist; `MalformedJobError` when its key is not a hash. */
  static async tryFetch<Result = unknown>(connection: Redis, id: string): Promise<Job<Result> | null> {
    if (typeof id !== "string" || id === "") throw new InvalidArgumentError("A job id must be a non-empty string");
    const flat = await connection.hgetallBuffer(keys.job(id)).catch((error: Error) => {
      if (!error.message.startsWith("WRONGTYPE")) throw error;
      throw new MalformedJobError(`${keys.job(id)} is not a hash, so it holds no job: something other than RQ or rqts wrote that key`);
    });
    const entries = Object.entries(flat);
    if (entries.length === 0) return null;
    const fields: Record<string, string> = {};
    let data: Buffer | undefined;
    for (const [name, value] of entries) {
      if (name === "data") data = value;
      else fields[name] = value.toString();
    }
    return new Job<Result>(connection, id, fields, data);
  }

  /** Reloads every field from Redis; throws `NoSuchJobError` when the job is gone. */
  async refresh(): Promise<this> {
    const fresh = await Job.fetch<Result>(this.connection, this.id);
    this.fields = fresh.fields;
    this.data = fresh.data;
    this.payload = undefined;
    this.meta = fresh.meta;
    return this;
  }

  /** The status as of the last load. `getStatus()` asks Redis. */
  get status(): JobStatus {
    return toStatus(this.fields.status);
  }

  /** Reads the current status from Redis; throws `NoSuchJobError` when the job is gone. */
  async getStatus(): Promise<JobStatus> {
    const [[, status], [, exists]] = (await this.connection
      .multi()
      .hget(keys.job(this.id), "status")
      .exists(keys.job(this.id))
      .exec()) as [[null, string | null], [null, number]];
    if (!exists) throw new NoSuchJobError(this.id);
    this.fields.status = status ?? "";
    return toStatus(status ?? undefined);
  }

  /** The decoded call; throws `MalformedJobError` when `data` is not a valid JSON call. */
  private get call(): JobPayload {
    this.payload ??= decodePayload(this.data);
    return this.payload;
  }

  /** The task name (RQ's `func_name`). */
  get taskName(): string {
    return this.call.taskName;
  }
  /** Positional arguments. */
  get args(): unknown[] {
    return this.call.args;
  }
  /** Keyword arguments (set by Python producers; a TS handler receives them as a final object argument). */
  get kwargs(): Record<string, unknown> {
    return this.call.kwargs;
  }
  /** The queue the job belongs to. */
  get origin(): string {
    return this.fields.origin ?? "";
  }
  get description(): string {
    return this.fields.description ?? "";
  }
  get createdAt(): Date | undefined {
    return parseRqTimestamp(this.fields.created_at);
  }
  get enqueuedAt(): Date | undefined {
    return parseRqTimestamp(this.fields.enqueued_at);
  }
  get startedAt(): Date | undefined {
    return parseRqTimestamp(this.fields.started_at);
  }
  get endedAt(): Date | undefined {
    return parseRqTimestamp(this.fields.ended_at);
  }
  get lastHeartbeat(): Date | undefined {
    return parseRqTimestamp(this.fields.last_heartbeat);
  }
  /** The worker that ran (or runs) the job, or "". */
  get workerName(): string {
    return this.fields.worker_name ?? "";
  }
  /** Timeout in seconds (-1: none), or undefined when the hash has none (the worker then uses 180 s). */
  get timeout(): number | undefined {
    return optionalNumber(this.fields.timeout);
  }
  /** Result TTL in seconds, if one was given. */
  get resultTtl(): number | undefined {
    return optionalNumber(this.fields.result_ttl);
  }
  /** Failure TTL in seconds, if one was given. */
  get failureTtl(): number | undefined {
    return optionalNumber(this.fields.failure_ttl);
  }
  /** Queued-job TTL in seconds, if one was given. */
  get ttl(): number | undefined {
    return optionalNumber(this.fields.ttl);
  }
  /** Ids of the jobs this job depends on. */
  get dependencyIds(): string[] {
    const list = this.fields.dependency_ids;
    if (list) {
      try {
        const parsed: unknown = JSON.parse(list);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // fall through to the single legacy field
      }
    }
    return this.fields.dependency_id ? [this.fields.dependency_id] : [];
  }
  /** Retries left, if the job was enqueued with `retry`. */
  get retriesLeft(): number | undefined {
    return optionalNumber(this.fields.retries_left);
  }
  /** How many times the job ran or started running (1 + retries used). */
  get attempts(): number {
    return 1 + (optionalNumber(this.fields.number_of_retries) ?? 0);
  }
  /** Repeats left, if the job was enqueued with `repeat`. */
  get repeatsLeft(): number | undefined {
    return optionalNumber(this.fields.repeats_left);
  }
  /** Whether the job is released when a dependency fails. */
  get allowDependencyFailures(): boolean {
    return this.fields.allow_dependency_failures === "1";
  }
  /** Every stored field as text (except the binary `data`): for inspection and debugging. */
  get rawFields(): Readonly<Record<string, string>> {
    return this.fields;
  }

  /** The return value of the newest result if it is a success, else `null` (RQ's `return_value()`). */
  async returnValue(): Promise<Result | null> {
    const result = await latestResult<Result>(this.connection, this.id);
    return result?.type === "successful" ? result.returnValue : null;
  }

  /** The newest result entry, or `null` when the job has not ended yet. */
  latestResult(): Promise<JobResult<Result> | null> {
    return latestResult<Result>(this.connection, this.id);
  }

  /** The result history, newest first (about ten entries are kept). */
  results(): Promise<JobResult<Result>[]> {
    return resultHistory<Result>(this.connection, this.id);
  }

  /**
   * Waits for the job to end: resolves its return value, or rejects with `JobFailedError` carrying
   * its error text. It blocks on the result stream (XREAD BLOCK) on a connection of its own — no polling.
   * Rejects with `ResultTimeoutError` after `timeout` (default: wait for ever).
   */
  async waitForResult(options: { timeout?: Duration } = {}): Promise<Result> {
    const timeoutMs = options.timeout === undefined ? Infinity : toMilliseconds(options.timeout, "timeout");
    const deadline = Date.now() + timeoutMs;
    const resultsKey = keys.results(this.id);
    const [[, status], [, last]] = (await this.connection
      .multi()
      .hget(keys.job(this.id), "status")
      .xrevrange(resultsKey, "+", "-", "COUNT", 1)
      .exec()) as [[null, string | null], [null, Array<[string, string[]]>]];
    const newest = last[0] ? parseResultEntry<Result>(last[0][0], last[0][1]) : undefined;
    if (status === null && !newest) throw new NoSuchJobError(this.id);
    if (newest && (status === "finished" || status === "failed" || status === "stopped" || status === null)) {
      return this.settle(newest, status ?? "ended");
    }
    const blocker = this.connection.duplicate();
    blocker.on("error", () => undefined);
    try {
      let lastId = last[0]?.[0] ?? "0-0";
      for (;;) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new ResultTimeoutError(this.id, timeoutMs);
        const blockMs = remaining === Infinity ? 0 : Math.max(1, Math.ceil(remaining));
        const reply = (await blocker.xread("BLOCK", blockMs, "STREAMS", resultsKey, lastId)) as
          | Array<[string, Array<[string, string[]]>]>
          | null;
        for (const [entryId, flat] of reply?.[0]?.[1] ?? []) {
          lastId = entryId;
          const result = parseResultEntry<Result>(entryId, flat);
          if (result.type === "successful") return this.settle(result, "finished");
          if (result.type === "failed" || result.type === "stopped") {
            // RQ writes type 2 for stopped jobs too: the status tells them apart
            const status = await this.connection.hget(keys.job(this.id), "status");
            return this.settle(result, status === "stopped" ? "stopped" : "failed");
          }
        }
      }
    } finally {
      blocker.disconnect();
    }
  }

  private settle(result: JobResult<Result>, status: string): Result {
    if (result.type === "successful") return result.returnValue as Result;
    throw new JobFailedError(this.id, result.excString ?? "", status);
  }

  /**
   * Cancels a job that has not started (queued, deferred or scheduled): it leaves its queue or registry
   * and goes to the canceled registry. Throws `InvalidJobOperationError` for a started or ended job.
   */
  async cancel(): Promise<void> {
    const queue = this.origin || (await this.refresh()).origin;
    const reply = await runScript<[number, string?]>(
      this.connection,
      cancelScript,
      [keys.job(this.id), keys.queue(queue), keys.deferred(queue), keys.scheduled(queue), keys.canceled(queue)],
      [this.id, epochSeconds()],
    );
    if (reply[0] === 0) throw new NoSuchJobError(this.id);
    if (reply[0] === -1) {
      throw new InvalidJobOperationError(
        `Job "${this.id}" is ${reply[1]} and cannot be canceled: only queued, deferred or scheduled jobs can (stop a started job instead)`,
      );
    }
    this.fields.status = "canceled";
  }

  /** Puts a failed or stopped job back on its queue. Throws `InvalidJobOperationError` otherwise. */
  async requeue(options: { atFront?: boolean } = {}): Promise<void> {
    const queue = this.origin || (await this.refresh()).origin;
    const reply = await runScript<[number, string?]>(
      this.connection,
      requeueScript,
      [keys.job(this.id), keys.queue(queue), keys.failed(queue), keys.queues()],
      [this.id, options.atFront ? "1" : "0", rqTimestamp(), keys.queue(queue)],
    );
    if (reply[0] === 0) throw new NoSuchJobError(this.id);
    if (reply[0] === -1) {
      throw new InvalidJobOperationError(`Job "${this.id}" is ${reply[1]}: only failed or stopped jobs can be requeued`);
    }
    this.fields.status = "queued";
  }

  /**
   * The status of each dependency: why a deferred job is waiting. A dependency that no longer exists
   * reports `null` (it counts as done, as in RQ).
   */
  async dependencyStatuses(): Promise<Array<{ id: string; status: JobStatus | null }>> {
    const ids = await this.connection.smembers(keys.dependencies(this.id));
    const all = [...new Set([...this.dependencyIds, ...ids])];
    if (all.length === 0) return [];
    const pipeline = this.connection.pipeline();
    for (const id of all) pipeline.hget(keys.job(id), "status");
    const replies = (await pipeline.exec()) ?? [];
    return all.map((id, index) => {
      const status = replies[index]?.[1] as string | null | undefined;
      return { id, status: status ? toStatus(status) : null };
    });
  }

  /** Ids of the jobs waiting on this one. */
  dependentIds(): Promise<string[]> {
    return this.connection.smembers(keys.dependents(this.id));
  }

  /**
   * Asks the worker running this job to stop it (RQ's `stop-job` command, which Python workers honour
   * too). The job ends `stopped`, in the failed registry, and is not retried.
   * Throws `InvalidJobOperationError` when the job is not running. Resolves with how many workers
   * received the command: 0 when its worker is gone (maintenance will then fail the job as abandoned).
   */
  async stop(): Promise<number> {
    const [status, worker] = await this.connection.hmget(keys.job(this.id), "status", "worker_name");
    if (status === null) throw new NoSuchJobError(this.id);
    if (status !== "started" || !worker) {
      throw new InvalidJobOperationError(`Job "${this.id}" is ${status}, not started: only a running job can be stopped`);
    }
    return sendCommand(this.connection, worker, { command: "stop-job", job_id: this.id });
  }

  /** Deletes the job from its queue, every registry, its executions, results and hash. */
  async delete(): Promise<void> {
    await runScript<number>(this.connection, deleteJobScript, [keys.job(this.id)], [this.id]);
  }

  /** Stores `meta` (only that field, so a worker's or another writer's fields are not clobbered). */
  async saveMeta(): Promise<void> {
    const saved = await runScript<number>(this.connection, saveMetaScript, [keys.job(this.id)], [encodeMeta(this.meta)]);
    if (saved !== 1) throw new NoSuchJobError(this.id);
  }
}
