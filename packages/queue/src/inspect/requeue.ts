/**
 * Requeueing failed (and stopped) jobs in batches: each job moves with the same script as
 * `job.requeue()` (rqts_requeue_v1: out of the failed registry and onto its queue in one step), and a
 * batch of them is one pipeline, so requeueing 100,000 jobs takes hundreds of round trips, not 100,000.
 * The failed registry is read a page at a time, never whole.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "../errors.js";
import { keys } from "../keys.js";
import { requeueScript } from "../lua/requeue.js";
import { pipeScript, scriptPipeline } from "../scripts.js";
import { epochSeconds, rqTimestamp } from "../time.js";
import { queueNames } from "./queues.js";

/** Progress of a requeue, reported after each batch. */
export interface RequeueProgress {
  /** Jobs looked at so far. */
  done: number;
  /** Jobs to look at in all (for `requeueFailed`: the failed entries when it started). */
  total: number;
  requeued: number;
  skipped: number;
}

/** Options of `Inspector.requeueJobs` and `Inspector.requeueFailed`. */
export interface RequeueOptions {
  /** Jobs per pipeline. @defaultValue 500 */
  batch?: number;
  /** Put the jobs at the front of their queues. @defaultValue false */
  atFront?: boolean;
  /** Called after each batch. */
  onProgress?: (progress: RequeueProgress) => void;
}

/** A job that was not requeued, and why. */
export interface SkippedJob {
  id: string;
  reason: string;
}

/** What a requeue did. */
export interface RequeueReport {
  requeued: string[];
  skipped: SkippedJob[];
}

export const DEFAULT_REQUEUE_BATCH = 500;

function batchSize(options: RequeueOptions): number {
  const batch = options.batch ?? DEFAULT_REQUEUE_BATCH;
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) {
    throw new InvalidArgumentError(`batch must be a whole number from 1 to 10000; got ${String(options.batch)}`);
  }
  return batch;
}

/** Requeues one batch of jobs, each on the queue given, in one pipeline. */
async function requeueBatch(redis: Redis, jobs: ReadonlyArray<{ id: string; queue: string }>, atFront: boolean, report: RequeueReport): Promise<void> {
  const pipeline = scriptPipeline(redis);
  const now = rqTimestamp();
  for (const { id, queue } of jobs) {
    pipeScript(pipeline, requeueScript, [keys.job(id), keys.queue(queue), keys.failed(queue), keys.queues()], [
      id,
      atFront ? "1" : "0",
      now,
      keys.queue(queue),
    ]);
  }
  const replies = (await pipeline.exec()) ?? [];
  jobs.forEach(({ id }, index) => {
    const [error, reply] = replies[index] ?? [new Error("no reply")];
    const [code, status] = (reply ?? []) as [number?, string?];
    if (error) report.skipped.push({ id, reason: error.message });
    else if (code === 1) report.requeued.push(id);
    else if (code === 0) report.skipped.push({ id, reason: "no such job (deleted, or its TTL expired)" });
    else report.skipped.push({ id, reason: `it is ${status}: only failed or stopped jobs can be requeued` });
  });
}

/** Requeues jobs by id, each on its own queue (`origin`); with `queue`, jobs of other queues are skipped. */
export async function requeueJobs(redis: Redis, ids: readonly string[], options: RequeueOptions & { queue?: string } = {}): Promise<RequeueReport> {
  const batch = batchSize(options);
  const report: RequeueReport = { requeued: [], skipped: [] };
  for (let start = 0; start < ids.length; start += batch) {
    const slice = ids.slice(start, start + batch);
    const origins = (await redis.pipeline(slice.map((id) => ["hget", keys.job(id), "origin"])).exec()) ?? [];
    const known: Array<{ id: string; queue: string }> = [];
    slice.forEach((id, index) => {
      const origin = origins[index]?.[1] as string | null | undefined;
      if (!origin) report.skipped.push({ id, reason: "no such job (deleted, or its TTL expired)" });
      else if (options.queue !== undefined && origin !== options.queue) report.skipped.push({ id, reason: `it belongs to queue "${origin}"` });
      else known.push({ id, queue: origin });
    });
    await requeueBatch(redis, known, options.atFront === true, report);
    options.onProgress?.({ done: start + slice.length, total: ids.length, requeued: report.requeued.length, skipped: report.skipped.length });
  }
  return report;
}

/**
 * Requeues every failed job of the given queues (default: all), oldest failure first. Entries that
 * cannot be requeued stay where they are and are reported; failures arriving meanwhile wait for the
 * next call (the run ends after the entries counted at its start).
 */
export async function requeueFailed(redis: Redis, queues: readonly string[] | undefined, options: RequeueOptions = {}): Promise<RequeueReport> {
  const batch = batchSize(options);
  const names = queues ?? (await queueNames(redis));
  const from = `(${epochSeconds()}`; // live entries only, as FailedJobRegistry.count()
  const totals = (await redis.pipeline(names.map((queue) => ["zcount", keys.failed(queue), from, "+inf"])).exec()) ?? [];
  const perQueue = names.map((_, index) => Number(totals[index]?.[1] ?? 0));
  const total = perQueue.reduce((sum, n) => sum + n, 0);
  const report: RequeueReport = { requeued: [], skipped: [] };
  let done = 0;
  for (const [index, queue] of names.entries()) {
    let left = perQueue[index] ?? 0;
    // requeued entries leave the registry, skipped ones stay: the next page starts after the skipped
    let skippedHere = 0;
    while (left > 0) {
      const ids = await redis.zrangebyscore(keys.failed(queue), from, "+inf", "LIMIT", skippedHere, Math.min(batch, left));
      if (ids.length === 0) break;
      const before = report.skipped.length;
      await requeueBatch(redis, ids.map((id) => ({ id, queue })), options.atFront === true, report);
      skippedHere += report.skipped.length - before;
      left -= ids.length;
      done += ids.length;
      options.onProgress?.({ done, total, requeued: report.requeued.length, skipped: report.skipped.length });
    }
  }
  return report;
}
