/**
 * Firing: what the scheduler holding a queue's lock does with its cron entries on each tick.
 *
 * Given the queue, the scheduler's name and the current time, its steps are:
 * 1. read the entries whose next run has come (`rq:cron:{q}` by score, at most `batch`) and their hashes;
 * 2. plan each with its catch-up policy (catch-up.ts): the ticks to serve (often one, none when
 *    missed ticks are skipped) and the next run;
 * 3. build one job per tick — id `cron-{queue}-{entry}-{tick time}`, meta `cron_entry` and `scheduled_for`;
 * 4. run the cron-fire script, which checks the lock and the entry's state before it enqueues and
 *    advances the entry, all at once.
 * An entry whose stored data cannot be used is paused with the reason in its `error` field (and
 * reported), so it neither blocks the others nor fails on every tick; nothing of it is lost.
 */
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "../errors.js";
import { prepareJob, type PreparedJob } from "../job-options.js";
import { keys } from "../keys.js";
import { cronFireScript } from "../lua/cron-fire.js";
import { cronPauseScript } from "../lua/cron-pause.js";
import { cronRemoveScript } from "../lua/cron-remove.js";
import { defaults } from "../defaults.js";
import { runScript, type ScriptArg } from "../scripts.js";
import { epochFloat } from "../time.js";
import { planTick, type TickPlan } from "./catch-up.js";
import { readEntry, storedCadence, type CronEntry } from "./entry.js";

/** What a scheduler did with one due entry in one tick. */
export interface CronTick {
  queue: string;
  entryId: string;
  /** Ids of the jobs enqueued, one per tick served, oldest first. */
  enqueued: string[];
  /** Ids of tick jobs that existed already (the tick had been served), so were not enqueued again. */
  duplicates: string[];
  /** Whether ticks older than the misfire grace were dropped (the entry's catch-up policy). */
  droppedMissed: boolean;
  /** Set when the entry was paused instead, because its stored data cannot be used: the reason. */
  error?: string;
}

export interface FireContext {
  redis: Redis;
  queue: string;
  schedulerName: string;
  now: Date;
  /** A tick found later than this after its time counts as missed. */
  misfireGraceMs: number;
  /** At most this many entries per queue and tick. */
  batch: number;
}

/** `20260329T003000Z`: a tick time as it appears in job ids (letters and digits only, as ids allow). */
function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/**
 * The queue's name as job ids allow it. Job ids are global (`rq:job:{id}`), and entry ids are only
 * unique per queue, so the queue is part of a tick's job id; a name with other characters gets a hash.
 */
function queueIdPart(queue: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(queue)) return queue;
  return `${queue.replace(/[^A-Za-z0-9_-]/g, "_")}_${createHash("sha1").update(queue).digest("hex").slice(0, 8)}`;
}

/** The id of the job an entry enqueues for one tick: the same tick always gives the same id. */
export function tickJobId(queue: string, entryId: string, tickMs: number): string {
  const millis = tickMs % 1000 === 0 ? "" : `${tickMs % 1000}`.padStart(3, "0");
  return `cron-${queueIdPart(queue)}-${entryId}-${compactTime(tickMs)}${millis}`;
}

/** Serves the queue's due entries. Returns what it did, or `"lost-lock"` when the lock went elsewhere. */
export async function fireDueEntries(context: FireContext): Promise<CronTick[] | "lost-lock"> {
  const { redis, queue } = context;
  const nowMs = context.now.getTime();
  const ids = await redis.zrangebyscore(keys.cronEntries(queue), "-inf", nowMs, "LIMIT", 0, context.batch);
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.hgetall(keys.cronEntry(queue, id));
  const replies = (await pipeline.exec()) ?? [];
  const ticks: CronTick[] = [];
  for (const [index, id] of ids.entries()) {
    const [readError, reply] = replies[index] ?? [];
    if (readError) throw readError;
    const hash = reply as Record<string, string>;
    if (Object.keys(hash).length === 0) {
      // listed without a hash (someone deleted the hash by hand): drop the dangling id
      await runScript(redis, cronRemoveScript, [keys.cronEntries(queue), keys.cronEntry(queue, id)], [id]);
      continue;
    }
    const tick = await fireOne(context, id, hash);
    if (tick === "lost-lock") return tick;
    if (tick) ticks.push(tick);
  }
  return ticks;
}

/** Ticks served at most per entry and scheduler tick; more on-time ticks wait for the next one. */
const MAX_TICKS_PER_ENTRY = 100;

async function fireOne(context: FireContext, id: string, hash: Record<string, string>): Promise<CronTick | "lost-lock" | undefined> {
  const { redis, queue, now } = context;
  const { entry, problems } = readEntry(queue, id, hash);
  let plan: TickPlan | null;
  let jobs: PreparedJob[];
  try {
    if (problems.length > 0) throw new InvalidArgumentError(problems.join("; "));
    if (entry.nextRun === null) throw new InvalidArgumentError("it has no next run time");
    plan = planTick({
      cadence: storedCadence(hash),
      nextRunMs: entry.nextRun.getTime(),
      nowMs: now.getTime(),
      policy: entry.catchUp,
      graceMs: context.misfireGraceMs,
      maxTicks: Math.min(MAX_TICKS_PER_ENTRY, entry.runsLeft ?? Infinity),
    });
    if (!plan) return undefined;
    jobs = plan.ticks.map((tick) => tickJob(entry, tick, now));
  } catch (error) {
    const reason = `rqts paused this entry: its stored data cannot be used (${(error as Error).message}); register it again, or remove it`;
    await runScript(redis, cronPauseScript, [keys.cronEntries(queue), keys.cronEntry(queue, id)], ["pause", id, reason]);
    return { queue, entryId: id, enqueued: [], duplicates: [], droppedMissed: false, error: reason };
  }
  const args: ScriptArg[] = [context.schedulerName, id, hash.next_run ?? "", hash.fingerprint ?? "", plan.nextRun ?? "", epochFloat(now), jobs.length];
  jobs.forEach((job, index) => {
    args.push(plan.ticks[index]!, job.id, job.atFront ? "1" : "0", job.ttlSeconds ?? "", job.fields.length);
    for (const [field, value] of job.fields) args.push(field, value);
  });
  const scriptKeys = [
    keys.schedulerLock(queue),
    keys.cronEntries(queue),
    keys.cronEntry(queue, id),
    keys.queue(queue),
    keys.queues(),
    ...jobs.map((job) => keys.job(job.id)),
  ];
  const [status, ...duplicates] = await runScript<[number, ...string[]]>(redis, cronFireScript, scriptKeys, args);
  if (status === -1) return "lost-lock";
  // 0: the entry changed after we read it (paused, updated, or served by another scheduler) — nothing done
  if (status !== 1) return undefined;
  const enqueued = jobs.map((job) => job.id).filter((jobId) => !duplicates.includes(jobId));
  return { queue, entryId: id, enqueued, duplicates, droppedMissed: plan.droppedMissed };
}

/** The job an entry enqueues for the tick at `tickMs`. Throws InvalidArgumentError on unusable options. */
function tickJob(entry: CronEntry, tickMs: number, now: Date): PreparedJob {
  const id = tickJobId(entry.queue, entry.id, tickMs);
  const meta = { ...(entry.options.meta ?? {}), cron_entry: entry.id, scheduled_for: new Date(tickMs).toISOString() };
  // the stored options carry the queue's timeout from registration; the default here is only a fallback
  return prepareJob(entry.queue, { taskName: entry.taskName, args: entry.args, kwargs: {} }, { ...entry.options, jobId: id, meta }, defaults.timeoutSeconds, now);
}
