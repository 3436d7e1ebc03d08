/**
 * The job view: everything `rqts job` and a dashboard's job page show about one job, read through
 * `Job` and its result stream. Data that cannot be decoded (a pickled call from Python's default
 * serializer, meta that is not JSON) is reported as an error text in the view instead of throwing,
 * so one bad job never breaks a page.
 */
import type { Redis } from "ioredis";
import { callString } from "../call-string.js";
import { Job, toStatus, type JobStatus } from "../job.js";
import { keys } from "../keys.js";
import type { JobResult } from "../results.js";

/** A job this one depends on, or one waiting on it. */
export interface RelatedJob {
  id: string;
  /** `null` when that job no longer exists (a missing dependency counts as done, as in RQ). */
  status: JobStatus | null;
}

/** Everything about one job. */
export interface JobView {
  id: string;
  status: JobStatus;
  /** The queue it belongs to (RQ's `origin`). */
  queue: string;
  /** The stored description (RQ's default is the call string), else the call string. */
  description: string;
  /** `task.name(1, 'a', key=2)`, or `undefined` when the call cannot be decoded. */
  callString: string | undefined;
  taskName: string | undefined;
  args: unknown[] | undefined;
  kwargs: Record<string, unknown> | undefined;
  /** Why the call (`data`) could not be decoded; then taskName, args and kwargs are `undefined`. */
  callError: string | undefined;
  meta: Record<string, unknown>;
  /** Why `meta` could not be read (e.g. pickled by Python); `meta` is then `{}`. */
  metaError: string | undefined;
  createdAt: Date | undefined;
  enqueuedAt: Date | undefined;
  startedAt: Date | undefined;
  endedAt: Date | undefined;
  lastHeartbeat: Date | undefined;
  workerName: string;
  /** Seconds; -1 none; `undefined` when the hash has none (the worker then uses 180 s). */
  timeout: number | undefined;
  resultTtl: number | undefined;
  failureTtl: number | undefined;
  ttl: number | undefined;
  /** Seconds until the job's hash expires; `undefined` when it is kept until it ends. */
  expiresInSeconds: number | undefined;
  /** Runs so far, counting retries. */
  attempts: number;
  retriesLeft: number | undefined;
  repeatsLeft: number | undefined;
  /** 0-based place in its queue while queued (0: next), else `undefined`. */
  position: number | undefined;
  /** The newest result, `undefined` before the job ends. */
  latestResult: JobResult | undefined;
  /** The result history, newest first (about ten are kept). */
  results: JobResult[];
  dependencies: RelatedJob[];
  dependents: RelatedJob[];
  allowDependencyFailures: boolean;
  /** Every stored field as text (the binary call excepted), for debugging. */
  rawFields: Readonly<Record<string, string>>;
}

function metaProblem(text: string | undefined): string | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? undefined : "meta is JSON but not an object";
  } catch {
    return "meta is not JSON (was it written with Python's pickle serializer? rqts reads only JSON)";
  }
}

/** The status of each job, in one round trip; `null` for jobs that no longer exist. */
export async function statusesOf(redis: Redis, ids: readonly string[]): Promise<RelatedJob[]> {
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hget(keys.job(id), "status");
  const replies = (await pipeline.exec()) ?? [];
  return ids.map((id, index) => {
    const status = replies[index]?.[1] as string | null | undefined;
    return { id, status: status === null || status === undefined ? null : toStatus(status) };
  });
}

/** Reads the view of a job, or `null` when it does not exist. */
export async function viewJob(redis: Redis, id: string): Promise<JobView | null> {
  const job = await Job.tryFetch(redis, id);
  if (!job) return null;
  let call: { taskName: string; args: unknown[]; kwargs: Record<string, unknown> } | undefined;
  let callError: string | undefined;
  try {
    call = { taskName: job.taskName, args: job.args, kwargs: job.kwargs };
  } catch (error) {
    callError = (error as Error).message;
  }
  const [results, dependencies, dependentIds, [[, pttl], [, position]]] = await Promise.all([
    job.results(),
    job.dependencyStatuses(),
    job.dependentIds(),
    redis.multi().pttl(keys.job(id)).lpos(keys.queue(job.origin), id).exec() as Promise<[[null, number], [null, number | null]]>,
  ]);
  const calledAs = call ? callString(call.taskName, call.args, call.kwargs) : undefined;
  return {
    id,
    status: job.status,
    queue: job.origin,
    description: job.description || calledAs || "",
    callString: calledAs,
    taskName: call?.taskName,
    args: call?.args,
    kwargs: call?.kwargs,
    callError,
    meta: job.meta,
    metaError: metaProblem(job.rawFields.meta),
    createdAt: job.createdAt,
    enqueuedAt: job.enqueuedAt,
    startedAt: job.startedAt,
    endedAt: job.endedAt,
    lastHeartbeat: job.lastHeartbeat,
    workerName: job.workerName,
    timeout: job.timeout,
    resultTtl: job.resultTtl,
    failureTtl: job.failureTtl,
    ttl: job.ttl,
    expiresInSeconds: pttl >= 0 ? Math.ceil(pttl / 1000) : undefined,
    attempts: job.attempts,
    retriesLeft: job.retriesLeft,
    repeatsLeft: job.repeatsLeft,
    position: job.status === "queued" && position !== null ? position : undefined,
    latestResult: results[0],
    results,
    dependencies,
    dependents: await statusesOf(redis, dependentIds.sort()),
    allowDependencyFailures: job.allowDependencyFailures,
    rawFields: job.rawFields,
  };
}
