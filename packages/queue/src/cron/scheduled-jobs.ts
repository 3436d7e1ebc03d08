/**
 * ScheduledJobs: rq-scheduler's `Scheduler` methods for one queue (`queue.scheduledJobs`), over the
 * jobs waiting in `rq:scheduled:{q}` — list them up to a time, count them, move one to another time,
 * cancel one. Periodic schedules live in `queue.cronEntries`; `cancel` also accepts one of those.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError, InvalidJobOperationError, NoSuchCronEntryError } from "../errors.js";
import { Job } from "../job.js";
import type { JobRef } from "../job-options.js";
import { keys } from "../keys.js";
import { epochSeconds } from "../time.js";
import { CronEntries } from "./entries.js";
import type { CronEntry } from "./entry.js";

/** Which scheduled jobs to read (rq-scheduler's `get_jobs(until, offset, length)`). */
export interface ScheduledJobsQuery {
  /** Only jobs due at or before this time. @defaultValue no limit */
  until?: Date;
  /** Skip this many of them, earliest first. @defaultValue 0 */
  offset?: number;
  /** Return at most this many. @defaultValue all */
  length?: number;
}

/** A scheduled job with its due time (rq-scheduler's `with_times=True`). */
export interface ScheduledJobTime {
  job: Job;
  /** When it is due, in whole seconds as Redis keeps it. */
  at: Date;
}

function idOf(ref: JobRef): string {
  const id = typeof ref === "string" ? ref : ref?.id;
  if (typeof id !== "string" || id === "") throw new InvalidArgumentError("Pass a job or a job id");
  return id;
}

function isEntry(target: JobRef | CronEntry): target is CronEntry {
  return typeof target === "object" && target !== null && "kind" in target && "taskName" in target;
}

function validDate(date: unknown, name: string): Date {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidArgumentError(`${name} must be a valid Date`);
  return date;
}

export class ScheduledJobs {
  constructor(
    readonly connection: Redis,
    readonly queueName: string,
  ) {}

  /** The registry's key, `rq:scheduled:{q}`. */
  get key(): string {
    return keys.scheduled(this.queueName);
  }

  /**
   * Scheduled jobs, earliest first (rq-scheduler's `get_jobs`). With `withTimes: true`, each comes
   * with its due time. Jobs whose hash has expired meanwhile are left out.
   */
  getJobs(query: ScheduledJobsQuery & { withTimes: true }): Promise<ScheduledJobTime[]>;
  getJobs(query?: ScheduledJobsQuery & { withTimes?: false }): Promise<Job[]>;
  async getJobs(query: ScheduledJobsQuery & { withTimes?: boolean } = {}): Promise<Job[] | ScheduledJobTime[]> {
    const max = query.until === undefined ? "+inf" : epochSeconds(validDate(query.until, "until"));
    const offset = query.offset ?? 0;
    const length = query.length ?? -1;
    if (!Number.isInteger(offset) || offset < 0) throw new InvalidArgumentError(`offset must be a whole number ≥ 0; got ${offset}`);
    if (!Number.isInteger(length) || length < -1) throw new InvalidArgumentError(`length must be a whole number ≥ 0; got ${length}`);
    const flat = await this.connection.zrangebyscore(this.key, "-inf", max, "WITHSCORES", "LIMIT", offset, length);
    const pairs: Array<[string, Date]> = [];
    for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, new Date(Number(flat[i + 1]) * 1000)]);
    const jobs = await Promise.all(pairs.map(([id]) => Job.tryFetch(this.connection, id)));
    const found: ScheduledJobTime[] = [];
    jobs.forEach((job, index) => job && found.push({ job, at: pairs[index]![1] }));
    return query.withTimes ? found : found.map((item) => item.job);
  }

  /** How many jobs are scheduled, or due by `until` (rq-scheduler's `count`). */
  count(query: { until?: Date } = {}): Promise<number> {
    const max = query.until === undefined ? "+inf" : epochSeconds(validDate(query.until, "until"));
    return this.connection.zcount(this.key, "-inf", max);
  }

  /** Whether the job is waiting in this queue's schedule (rq-scheduler's `job in scheduler`). */
  async contains(job: JobRef): Promise<boolean> {
    return (await this.connection.zscore(this.key, idOf(job))) !== null;
  }

  /**
   * Moves a scheduled job to another time (rq-scheduler's `change_execution_time`). Throws
   * InvalidJobOperationError when the job is not in this queue's schedule (queued already, say).
   */
  async changeExecutionTime(job: JobRef, date: Date): Promise<void> {
    const id = idOf(job);
    const score = epochSeconds(validDate(date, "changeExecutionTime: date"));
    // XX: a single atomic command that only moves a member that is there — never re-adds a job the
    // scheduler has just queued
    const changed = await this.connection.zadd(this.key, "XX", "CH", score, id);
    if (Number(changed) === 1 || (await this.connection.zscore(this.key, id)) === String(score)) return;
    throw new InvalidJobOperationError(`Job "${id}" is not scheduled on queue "${this.queueName}" (it may have been queued, canceled or never scheduled)`);
  }

  /**
   * rq-scheduler's `cancel`: a scheduled job is canceled (it moves to the canceled registry, as
   * `job.cancel()` does); a cron entry is removed. Throws InvalidJobOperationError when the job is not
   * scheduled on this queue, NoSuchCronEntryError when the entry is gone.
   */
  async cancel(target: JobRef | CronEntry): Promise<void> {
    if (isEntry(target)) {
      if (!(await new CronEntries(this.connection, target.queue).remove(target.id))) throw new NoSuchCronEntryError(target.queue, target.id);
      return;
    }
    const id = idOf(target);
    const job = await Job.tryFetch(this.connection, id);
    if (!job || job.origin !== this.queueName || job.status !== "scheduled") {
      throw new InvalidJobOperationError(`Job "${id}" is not scheduled on queue "${this.queueName}"; cancel queued or deferred jobs with job.cancel()`);
    }
    await job.cancel();
  }
}
