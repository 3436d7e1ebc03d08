/**
 * Job lists: a queue's waiting list and its six registries, read a page at a time (LRANGE / ZRANGE,
 * never the whole list). Finished and failed entries whose time has passed are left out, as the
 * registries' `count()` leaves them out: their hashes have expired, and only maintenance (or the
 * inspector's `clean`) removes them.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "../errors.js";
import { keys } from "../keys.js";
import { parseResultEntry } from "../results.js";
import { parseRqTimestamp, epochSeconds } from "../time.js";
import { parseWipMember } from "../worker/maintenance.js";
import { toStatus, type JobStatus } from "../job.js";

/** Where a job can be: its queue's waiting list, or one of the queue's registries. */
export const JOB_LISTS = ["queued", "started", "deferred", "scheduled", "finished", "failed", "canceled"] as const;

/** `queued` is the queue itself (`rq:queue:{q}`); the others are registries. */
export type JobListName = (typeof JOB_LISTS)[number];

/** The registries whose scores are expiry times: entries in the past are expired. */
const EXPIRING: ReadonlySet<JobListName> = new Set(["finished", "failed"]);

/** The Redis key of a job list. */
export function jobListKey(queue: string, list: JobListName): string {
  switch (list) {
    case "queued":
      return keys.queue(queue);
    case "started":
      return keys.started(queue);
    default:
      return keys[list](queue);
  }
}

/** Whether `value` names a job list; throws `InvalidArgumentError` listing the names otherwise. */
export function checkJobListName(value: unknown): JobListName {
  if (typeof value === "string" && (JOB_LISTS as readonly string[]).includes(value)) return value as JobListName;
  throw new InvalidArgumentError(`"${String(value)}" is not a job list: use one of ${JOB_LISTS.join(", ")}`);
}

/** Options of `Inspector.jobs`. */
export interface ListJobsOptions {
  /** Entries to skip from the start of the chosen order. @defaultValue 0 */
  offset?: number;
  /** Entries per page, 1 to 1,000. @defaultValue 50 */
  limit?: number;
  /**
   * `oldest` first or `newest` first. For `queued`, oldest first is the order workers take jobs in;
   * for registries it is the score order (registration, due or expiry time). @defaultValue "oldest"
   */
  order?: "oldest" | "newest";
}

/** One line of a job list: enough to show a row, without decoding the job's call. */
export interface JobSummary {
  id: string;
  /** `null` when the job's hash is gone (an entry left behind by a deleted or expired job). */
  status: JobStatus | null;
  description: string;
  createdAt: Date | undefined;
  enqueuedAt: Date | undefined;
  startedAt: Date | undefined;
  endedAt: Date | undefined;
  workerName: string;
  /**
   * The registry score as a date: when a scheduled job is due, when a finished or failed entry
   * expires (`null`: kept for ever), when a deferred or canceled job was registered, when a started
   * job's heartbeat expires. `undefined` for queued jobs.
   */
  score: Date | null | undefined;
  /** For started jobs: the execution id (RQ 2.x members are `{id}:{execution}`). */
  execution: string | undefined;
  /** For failed jobs: the last line of the newest error (`Name: message`). */
  error: string | undefined;
}

/** A page of a job list. */
export interface JobPage {
  queue: string;
  list: JobListName;
  /** Entries in the whole list (finished and failed: not counting expired entries). */
  total: number;
  offset: number;
  limit: number;
  order: "oldest" | "newest";
  jobs: JobSummary[];
}

export const MAX_PAGE = 1_000;

function wholeNumber(value: number | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(`${name} must be a whole number from ${min} to ${max}; got ${String(value)}`);
  }
  return value;
}

/** A member and its score, in the chosen order. */
type Entry = [member: string, score: number | undefined];

async function pageOfEntries(redis: Redis, queue: string, list: JobListName, offset: number, limit: number, newest: boolean): Promise<{ total: number; entries: Entry[] }> {
  const key = jobListKey(queue, list);
  if (list === "queued") {
    const [[, total], [, ids]] = (await redis
      .multi()
      .llen(key)
      .lrange(key, newest ? -(offset + limit) : offset, newest ? -(offset + 1) : offset + limit - 1)
      .exec()) as [[null, number], [null, string[]]];
    // newest first: the window counted from the tail (Redis clips it at the head), reversed
    return { total, entries: (newest ? ids.reverse() : ids).map((id) => [id, undefined]) };
  }
  const flat = (withScores: string[]): Entry[] => {
    const entries: Entry[] = [];
    for (let i = 0; i + 1 < withScores.length; i += 2) entries.push([withScores[i]!, Number(withScores[i + 1])]);
    return entries;
  };
  if (EXPIRING.has(list)) {
    const from = `(${epochSeconds()}`; // as ExpiringRegistry.count: strictly after now
    const [[, total], [, members]] = (await (newest
      ? redis.multi().zcount(key, from, "+inf").zrevrangebyscore(key, "+inf", from, "WITHSCORES", "LIMIT", offset, limit)
      : redis.multi().zcount(key, from, "+inf").zrangebyscore(key, from, "+inf", "WITHSCORES", "LIMIT", offset, limit)
    ).exec()) as [[null, number], [null, string[]]];
    return { total, entries: flat(members) };
  }
  const end = offset + limit - 1;
  const [[, total], [, members]] = (await (newest
    ? redis.multi().zcard(key).zrevrange(key, offset, end, "WITHSCORES")
    : redis.multi().zcard(key).zrange(key, String(offset), String(end), "WITHSCORES")
  ).exec()) as [[null, number], [null, string[]]];
  return { total, entries: flat(members) };
}

const SUMMARY_FIELDS = ["status", "description", "created_at", "enqueued_at", "started_at", "ended_at", "worker_name"] as const;

/** Reads one page of a job list, with each job's summary fields in one more round trip. */
export async function listJobs(redis: Redis, queue: string, list: JobListName, options: ListJobsOptions = {}): Promise<JobPage> {
  checkJobListName(list);
  const offset = wholeNumber(options.offset, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = wholeNumber(options.limit, "limit", 50, 1, MAX_PAGE);
  const order = options.order ?? "oldest";
  if (order !== "oldest" && order !== "newest") throw new InvalidArgumentError(`order must be "oldest" or "newest"; got ${String(order)}`);
  const { total, entries } = await pageOfEntries(redis, queue, list, offset, limit, order === "newest");

  const rows = entries.map(([member, score]) => {
    const { id, execution } = list === "started" ? parseWipMember(member) : { id: member, execution: "" };
    return { id, execution, score };
  });
  const pipeline = redis.pipeline();
  for (const row of rows) {
    pipeline.hmget(keys.job(row.id), ...SUMMARY_FIELDS);
    if (list === "failed") pipeline.xrevrange(keys.results(row.id), "+", "-", "COUNT", 1);
  }
  const replies = rows.length > 0 ? ((await pipeline.exec()) ?? []) : [];
  const perRow = list === "failed" ? 2 : 1;
  const jobs = rows.map((row, index): JobSummary => {
    const values = (replies[index * perRow]?.[1] ?? []) as Array<string | null>;
    const field = (name: (typeof SUMMARY_FIELDS)[number]) => values[SUMMARY_FIELDS.indexOf(name)] ?? undefined;
    const newest = list === "failed" ? ((replies[index * perRow + 1]?.[1] ?? []) as Array<[string, string[]]>)[0] : undefined;
    const excString = newest ? parseResultEntry(newest[0], newest[1]).excString : undefined;
    const exists = values.some((value) => value !== null);
    return {
      id: row.id,
      status: exists ? toStatus(field("status")) : null,
      description: field("description") ?? "",
      createdAt: parseRqTimestamp(field("created_at")),
      enqueuedAt: parseRqTimestamp(field("enqueued_at")),
      startedAt: parseRqTimestamp(field("started_at")),
      endedAt: parseRqTimestamp(field("ended_at")),
      workerName: field("worker_name") ?? "",
      score: row.score === undefined ? undefined : Number.isFinite(row.score) ? new Date(row.score * 1000) : null,
      execution: row.execution || undefined,
      error: excString?.trimEnd().split("\n").pop(),
    };
  });
  return { queue, list, total, offset, limit, order, jobs };
}
