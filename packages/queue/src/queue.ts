/**
 * Queue: a named list of jobs in `rq:queue:{name}`. It enqueues calls (one Lua script per batch), reads
 * what is queued, and gives access to the queue's registries. It does not run jobs: a Worker does.
 */
import type { Redis } from "ioredis";
import { defaults } from "./defaults.js";
import { DuplicateJobError, InvalidArgumentError } from "./errors.js";
import { Job } from "./job.js";
import { prepareJob, queueTimeoutSeconds, type EnqueueOptions, type PreparedJob } from "./job-options.js";
import { keys } from "./keys.js";
import { emptyQueueScript } from "./lua/empty-queue.js";
import { FIELDS_EMPTY_BY_DEFAULT, enqueueScript } from "./lua/enqueue.js";
import { runScript, type ScriptArg } from "./scripts.js";
import { storedZlibText } from "./serializer.js";
import { epochSeconds } from "./time.js";
import type { Task } from "./tasks.js";
import { toMilliseconds, type Duration } from "./duration.js";
import { QueueEvents } from "./events.js";
import { CanceledJobRegistry } from "./registries/canceled.js";
import { DeferredJobRegistry } from "./registries/deferred.js";
import { FailedJobRegistry } from "./registries/failed.js";
import { FinishedJobRegistry } from "./registries/finished.js";
import { ScheduledJobRegistry } from "./registries/scheduled.js";
import { StartedJobRegistry } from "./registries/started.js";
import { CronEntries } from "./cron/entries.js";
import { cronDefinition, intervalDefinition, type CronEntry, type CronJobOptions, type CronSpec, type IntervalSpec } from "./cron/entry.js";
import { ScheduledJobs } from "./cron/scheduled-jobs.js";

export interface QueueOptions {
  /** An ioredis connection. rqts never closes it: it is yours. */
  connection: Redis;
  /** The timeout of jobs enqueued without one; -1 for none. @defaultValue 180 s (RQ's) */
  defaultTimeout?: Duration;
}

/** One call for `enqueueMany`. */
export interface JobSpec {
  /** A task made by `defineTask`, or a task name (e.g. one a Python worker runs). */
  task: Task | string;
  args?: unknown[];
  options?: EnqueueOptions;
}

/** Throughput counters live two hours (lua/finish.ts); deleting a queue drops that many minutes. */
const THROUGHPUT_KEPT_MINUTES = 121;

/** Single jobs waiting to go in one enqueue script call; `written` settles with that call. */
interface CoalescedJobs {
  jobs: PreparedJob[];
  written: Promise<void>;
  write: () => void;
}

const EMPTY_BY_DEFAULT = new Set<string>(FIELDS_EMPTY_BY_DEFAULT);

const QUEUE_NAME = /^[^\s:*?[\]]+$/;

/**
 * The text fields every job of a batch has with the same value (usually most of them: the timestamps,
 * the empty callback and worker fields, origin, timeout, status): the enqueue script takes them once.
 * Compared position by position, as jobs made with the same options list their fields in the same
 * order; a field at another position in some job is simply not shared.
 */
function sharedFields(batch: readonly PreparedJob[]): Map<string, string> {
  const first = batch[0]!.fields;
  const same = first.map(([, value]) => typeof value === "string");
  for (let index = 1; index < batch.length; index++) {
    const fields = batch[index]!.fields;
    for (let i = 0; i < first.length; i++) {
      if (same[i] && (fields[i]?.[0] !== first[i]![0] || fields[i]![1] !== first[i]![1])) same[i] = false;
    }
  }
  const shared = new Map<string, string>();
  first.forEach(([field, value], i) => same[i] && shared.set(field, value as string));
  return shared;
}

/** A job's options as the enqueue script reads them: "" for none (most jobs), else ";"-separated flags. */
function enqueueOptions(job: PreparedJob): string {
  const flags: string[] = [];
  if (job.atFront) flags.push("front");
  if (job.unique) flags.push("unique");
  if (job.allowFailure) flags.push("allow");
  // an id the caller chose may name an old hash, which is replaced; a random UUID names none
  if (job.idGiven) flags.push("replace");
  if (job.ttlSeconds !== undefined) flags.push(`ttl=${job.ttlSeconds}`);
  if (job.dueAt !== undefined) flags.push(`due=${job.dueAt}`);
  if (job.dependencyIds.length > 0) flags.push(`deps=${job.dependencyIds.length}`);
  return flags.join(";");
}

export class Queue {
  readonly name: string;
  readonly connection: Redis;
  /** Jobs being run. */
  readonly started: StartedJobRegistry;
  /** Jobs that succeeded, until their result TTL passes. */
  readonly finished: FinishedJobRegistry;
  /** Jobs that failed or were stopped, until their failure TTL passes. */
  readonly failed: FailedJobRegistry;
  /** Jobs waiting for dependencies. */
  readonly deferred: DeferredJobRegistry;
  /** Jobs due at a later time. */
  readonly scheduled: ScheduledJobRegistry;
  /** Canceled jobs. */
  readonly canceled: CanceledJobRegistry;
  /** The queue's cron and interval entries (`cron()`, `schedule()`): list, pause, resume, remove. */
  readonly cronEntries: CronEntries;
  /** rq-scheduler's methods over the scheduled jobs: `getJobs({ until })`, `count`, `changeExecutionTime`, `cancel`. */
  readonly scheduledJobs: ScheduledJobs;
  private readonly timeoutSeconds: number;
  /** Single jobs enqueued in this turn of the event loop, written together at its end. */
  private coalescing: CoalescedJobs | undefined;

  constructor(name: string, options: QueueOptions) {
    if (typeof name !== "string" || !QUEUE_NAME.test(name)) {
      throw new InvalidArgumentError(`Queue name "${String(name)}" is invalid: use a non-empty name without spaces, ":", "*", "?" or brackets`);
    }
    if (!options?.connection) {
      throw new InvalidArgumentError(`new Queue("${name}", { connection }): pass an ioredis connection, e.g. new Redis(process.env.REDIS_URL)`);
    }
    this.name = name;
    this.connection = options.connection;
    this.timeoutSeconds = queueTimeoutSeconds(options.defaultTimeout);
    this.started = new StartedJobRegistry(this.connection, name, keys.started(name));
    this.finished = new FinishedJobRegistry(this.connection, name, keys.finished(name));
    this.failed = new FailedJobRegistry(this.connection, name, keys.failed(name));
    this.deferred = new DeferredJobRegistry(this.connection, name, keys.deferred(name));
    this.scheduled = new ScheduledJobRegistry(this.connection, name, keys.scheduled(name));
    this.canceled = new CanceledJobRegistry(this.connection, name, keys.canceled(name));
    this.cronEntries = new CronEntries(this.connection, name);
    this.scheduledJobs = new ScheduledJobs(this.connection, name);
  }

  /** The queue's list key, `rq:queue:{name}`. */
  get key(): string {
    return keys.queue(this.name);
  }

  /**
   * Enqueues a call of `task` with positional JSON `args`. `task` is a task from `defineTask` or a task
   * name (for tasks another process, such as a Python RQ worker, defines). Calls made on one queue in
   * the same turn of the event loop share one Redis script call (unique jobs and jobs with
   * dependencies go alone); each still resolves with its own job.
   */
  enqueue<Args extends unknown[], Result>(task: Task<Args, Result>, args: Args, options?: EnqueueOptions): Promise<Job<Result>>;
  enqueue(task: string, args?: unknown[], options?: EnqueueOptions): Promise<Job>;
  async enqueue(task: Task | string, args: unknown[] = [], options: EnqueueOptions = {}): Promise<Job> {
    const [job] = await this.enqueueMany([{ task, args, options }]);
    return job!;
  }

  /**
   * Enqueues many calls: one Lua script call per batch of 1,000, each batch all-or-nothing, two
   * batches in flight (one at a time when a job is `unique`, so that after a `DuplicateJobError` no
   * later batch was written). Returns the jobs in the order given.
   */
  async enqueueMany(specs: readonly JobSpec[]): Promise<Job[]> {
    return this.write(specs, undefined);
  }

  /**
   * Enqueues a call to run at `date` (or later): the job waits in the scheduled registry until a worker
   * started with `withScheduler: true` queues it (RQ's `enqueue_at`).
   */
  enqueueAt<Args extends unknown[], Result>(date: Date, task: Task<Args, Result>, args: Args, options?: EnqueueOptions): Promise<Job<Result>>;
  enqueueAt(date: Date, task: string, args?: unknown[], options?: EnqueueOptions): Promise<Job>;
  async enqueueAt(date: Date, task: Task | string, args: unknown[] = [], options: EnqueueOptions = {}): Promise<Job> {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidArgumentError("enqueueAt needs a valid Date");
    const [job] = await this.write([{ task, args, options }], date);
    return job!;
  }

  /** Enqueues a call to run after `delay` ("10m", 5000, …): `enqueueAt(now + delay)` (RQ's `enqueue_in`). */
  enqueueIn<Args extends unknown[], Result>(delay: Duration, task: Task<Args, Result>, args: Args, options?: EnqueueOptions): Promise<Job<Result>>;
  enqueueIn(delay: Duration, task: string, args?: unknown[], options?: EnqueueOptions): Promise<Job>;
  async enqueueIn(delay: Duration, task: Task | string, args: unknown[] = [], options: EnqueueOptions = {}): Promise<Job> {
    const ms = toMilliseconds(delay, "delay");
    if (ms === Infinity) throw new InvalidArgumentError("enqueueIn needs a finite delay");
    const [job] = await this.write([{ task, args, options }], new Date(Date.now() + ms));
    return job!;
  }

  /**
   * Registers a cron entry: a job of `task` is enqueued at each tick of a cron pattern (5 fields, or 6
   * with seconds first) read in an IANA time zone (UTC by default), by a worker started with
   * `withScheduler: true` (rq-scheduler's `cron`). Registering the same entry again changes nothing;
   * the same `id` with a new definition updates it. See docs/scheduling.md.
   */
  cron<Args extends unknown[]>(spec: string | CronSpec, task: Task<Args>, args: Args, options?: CronJobOptions): Promise<CronEntry>;
  cron(spec: string | CronSpec, task: string, args?: unknown[], options?: CronJobOptions): Promise<CronEntry>;
  async cron(spec: string | CronSpec, task: Task | string, args: unknown[] = [], options: CronJobOptions = {}): Promise<CronEntry> {
    return this.cronEntries.save(cronDefinition(this.name, spec, task, args, options, this.timeoutSeconds));
  }

  /**
   * Registers an interval entry: a job of `task` every `interval`, first at `at` / after `in` (now by
   * default), `repeat` times in all or for ever (rq-scheduler's `schedule`). For one run, use enqueueAt.
   */
  schedule<Args extends unknown[]>(spec: IntervalSpec, task: Task<Args>, args: Args, options?: CronJobOptions): Promise<CronEntry>;
  schedule(spec: IntervalSpec, task: string, args?: unknown[], options?: CronJobOptions): Promise<CronEntry>;
  async schedule(spec: IntervalSpec, task: Task | string, args: unknown[] = [], options: CronJobOptions = {}): Promise<CronEntry> {
    const now = new Date();
    return this.cronEntries.save(intervalDefinition(this.name, spec, task, args, options, this.timeoutSeconds, now.getTime()), now);
  }

  private async write(specs: readonly JobSpec[], dueAt: Date | undefined): Promise<Job[]> {
    const now = new Date();
    const prepared = specs.map((spec, index) => {
      if (!spec || (typeof spec.task !== "string" && typeof spec.task?.name !== "string")) {
        throw new InvalidArgumentError(`enqueueMany: entry ${index} needs a task (from defineTask) or a task name`);
      }
      const taskName = typeof spec.task === "string" ? spec.task : spec.task.name;
      if (taskName.trim() === "") throw new InvalidArgumentError(`enqueueMany: entry ${index} has an empty task name`);
      const job = prepareJob(this.name, { taskName, args: spec.args ?? [], kwargs: {} }, spec.options ?? {}, this.timeoutSeconds, now);
      if (dueAt) {
        if (job.dependencyIds.length > 0) throw new InvalidArgumentError("dependsOn cannot be combined with enqueueAt / enqueueIn");
        // RQ truncates to the second, so a job can run up to 999 ms early; rounding up never runs it early
        job.dueAt = Math.ceil(dueAt.getTime() / 1000);
      }
      return job;
    });
    if (prepared.length === 1) await this.writeCoalesced(prepared[0]!);
    else await this.writeBatches(prepared);
    return prepared.map((job) => new Job(this.connection, job.id, this.textFields(job), job.data, job.payload));
  }

  /**
   * Writes the jobs in batches of `defaults.enqueueBatch`, two batches in flight so that Redis runs one
   * while the next is encoded. With a unique job in the list they go one at a time, so that a
   * `DuplicateJobError` means no later batch was written.
   */
  private async writeBatches(prepared: PreparedJob[]): Promise<void> {
    this.flushCoalesced(); // single jobs enqueued before these go first
    const inFlight = prepared.some((job) => job.unique) ? 1 : 2;
    const pending: Array<Promise<void>> = [];
    let failure: { error: unknown } | undefined;
    for (let start = 0; start < prepared.length && !failure; start += defaults.enqueueBatch) {
      const write = this.writeBatch(prepared.slice(start, start + defaults.enqueueBatch));
      write.catch((error: unknown) => (failure ??= { error })); // no batch starts after a failure
      pending.push(write);
      if (pending.length === inFlight) await pending.shift()!.catch(() => undefined);
    }
    await Promise.allSettled(pending);
    if (failure) throw failure.error;
  }

  /**
   * Writes one job in the same script call as the other single jobs enqueued on this queue in the same
   * turn of the event loop, up to `defaults.coalescedGroup` of them (a thousand concurrent `enqueue`
   * calls cost ten round trips, not a thousand, and Redis starts on the first group at once).
   * Jobs whose script call can fail on their own account (unique, or with dependencies) go alone, so
   * that one job's error is never another caller's. Call order is kept.
   */
  private writeCoalesced(job: PreparedJob): Promise<void> {
    if (job.unique || job.dependencyIds.length > 0) return this.writeBatches([job]);
    let batch = this.coalescing;
    if (!batch) {
      const jobs: PreparedJob[] = [];
      let write!: () => void;
      const written = new Promise<void>((resolve, reject) => (write = () => void this.writeBatch(jobs).then(resolve, reject)));
      const created = { jobs, written, write };
      this.coalescing = batch = created;
      process.nextTick(() => this.flushCoalesced(created));
    }
    batch.jobs.push(job);
    if (batch.jobs.length >= defaults.coalescedGroup) this.flushCoalesced(batch); // Redis starts on it now
    return batch.written;
  }

  /** Sends the single jobs waiting to be written together (`only`: if they are still that batch). */
  private flushCoalesced(only?: CoalescedJobs): void {
    const batch = this.coalescing;
    if (!batch || (only && batch !== only)) return;
    this.coalescing = undefined;
    batch.write();
  }

  private async writeBatch(batch: PreparedJob[]): Promise<void> {
    if (batch.length === 0) return;
    const shared = sharedFields(batch);
    for (const field of FIELDS_EMPTY_BY_DEFAULT) if (shared.get(field) === "") shared.delete(field);
    const args: ScriptArg[] = [this.key, epochSeconds(), shared.size];
    for (const [field, value] of shared) args.push(field, value);
    for (const job of batch) {
      args.push(job.id, enqueueOptions(job), ...job.dependencyIds);
      const call = storedZlibText(job.data);
      // the script writes the empty defaults itself
      const own = job.fields.filter(([field, value]) => !shared.has(field) && !(call && field === "data") && !(value === "" && EMPTY_BY_DEFAULT.has(field)));
      args.push(call?.text ?? "", call?.adler32 ?? "", own.length);
      for (const [field, value] of own) args.push(field, value);
    }
    const jobKeys = batch.map((job) => keys.job(job.id));
    const scriptKeys = [keys.queues(), this.key, keys.deferred(this.name), keys.scheduled(this.name), ...jobKeys];
    const reply = await runScript<[number, ...string[]]>(this.connection, enqueueScript, scriptKeys, args);
    if (reply[0] === 0) throw new DuplicateJobError(reply[1]!);
    batch.forEach((job, index) => {
      const status = String(reply[index + 1] ?? "queued");
      if (status === "queued") return;
      job.fields = job.fields.filter(([field]) => field !== "enqueued_at" && field !== "status");
      job.fields.push(["status", status]);
    });
  }

  private textFields(job: PreparedJob): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const [field, value] of job.fields) if (field !== "data") fields[field] = String(value);
    return fields;
  }

  /** Subscribes to this queue's live job events (started, progress, finished, failed, …). Close it when done. */
  events(): QueueEvents {
    return new QueueEvents(this.name, { connection: this.connection });
  }

  /**
   * Limits how many jobs of this queue start per `duration`, across every worker (rqts workers; Python
   * RQ workers do not know it). Stored in Redis, so it applies to workers already running.
   */
  async setRateLimit(limit: { max: number; duration: Duration }): Promise<void> {
    if (!Number.isInteger(limit?.max) || limit.max < 1) {
      throw new InvalidArgumentError(`rate limit max must be a whole number ≥ 1; got ${String(limit?.max)}`);
    }
    const durationMs = toMilliseconds(limit.duration, "rate limit duration");
    if (!(durationMs >= 1 && durationMs < Infinity)) throw new InvalidArgumentError("rate limit duration must be at least 1 ms");
    const windowMs = Math.round(durationMs);
    await this.connection.hset(keys.rateLimit(this.name), { max: String(limit.max), duration_ms: String(windowMs) });
    // A window counted under a longer duration would hold the queue back for its old length: cap it.
    const left = await this.connection.pttl(keys.rateLimitWindow(this.name));
    if (left > windowMs) await this.connection.pexpire(keys.rateLimitWindow(this.name), windowMs);
  }

  /** The queue's rate limit, or `null`. */
  async getRateLimit(): Promise<{ max: number; durationMs: number } | null> {
    const [max, durationMs] = await this.connection.hmget(keys.rateLimit(this.name), "max", "duration_ms");
    return max && durationMs ? { max: Number(max), durationMs: Number(durationMs) } : null;
  }

  /** Removes the queue's rate limit. */
  async clearRateLimit(): Promise<void> {
    await this.connection.del(keys.rateLimit(this.name), keys.rateLimitWindow(this.name));
  }

  /** How many jobs are waiting in the queue. */
  count(): Promise<number> {
    return this.connection.llen(this.key);
  }

  /** Ids in queue order (next first), a page at a time: `start`..`end` inclusive, -1 for the end. */
  jobIds(options: { start?: number; end?: number } = {}): Promise<string[]> {
    return this.connection.lrange(this.key, options.start ?? 0, options.end ?? -1);
  }

  /** The job with this id, or `null` when it does not exist. */
  fetchJob<Result = unknown>(id: string): Promise<Job<Result> | null> {
    return Job.tryFetch<Result>(this.connection, id);
  }

  /** Removes every queued job (and its hash); returns how many. Jobs in registries stay. */
  empty(): Promise<number> {
    return runScript<number>(this.connection, emptyQueueScript, [this.key], []);
  }

  /**
   * Deletes the queue: empties it (unless `deleteJobs` is false), removes it from `rq:queues`, and
   * drops its throughput counters (the jobs in its registries stay unless deleted one by one).
   */
  async delete(options: { deleteJobs?: boolean } = {}): Promise<void> {
    if (options.deleteJobs !== false) await this.empty();
    const multi = this.connection.multi().del(this.key).srem(keys.queues(), this.key);
    const minute = Math.floor(Date.now() / 60_000) * 60;
    for (let ago = 0; ago <= THROUGHPUT_KEPT_MINUTES; ago++) multi.del(keys.throughput(this.name, minute - ago * 60));
    await multi.exec();
  }
}
