/**
 * Maintenance: the periodic clean-up a worker runs for each of its queues, under RQ's lock
 * `rq:clean_registries:{q}` so that one worker at a time does it:
 * 1. drop expired entries of the finished and failed registries (their hashes have expired);
 * 2. fail jobs whose rq:wip heartbeat expired — their worker died — with RQ's AbandonedJobError text;
 * 3. put ids stuck in the intermediate list back on their queue;
 * 4. drop dead workers from `rq:workers` and `rq:workers:{q}`.
 */
import type { Redis } from "ioredis";
import { defaults } from "../defaults.js";
import { keys } from "../keys.js";
import { finishScript } from "../lua/finish.js";
import { recoverIntermediateScript } from "../lua/recover-intermediate.js";
import { runScript } from "../scripts.js";
import { encodeExcString } from "../serializer.js";
import { epochFloat, epochSeconds, rqTimestamp } from "../time.js";
import { finishArgs } from "./finisher.js";

export interface MaintenanceReport {
  queue: string;
  abandoned: string[];
  recovered: string[];
  expired: number;
  deadWorkers: number;
}

/** Splits a rq:wip member into job id and execution ("" for a plain RQ 1.x id). */
export function parseWipMember(member: string): { id: string; execution: string } {
  const colon = member.lastIndexOf(":");
  return colon === -1 ? { id: member, execution: "" } : { id: member.slice(0, colon), execution: member.slice(colon + 1) };
}

/**
 * Runs one maintenance pass over `queue`; returns null when another worker holds the lock. `lockSeconds`
 * is how long the lock outlives a worker that dies mid-pass (a worker passes its maintenance interval).
 */
export async function maintainQueue(
  redis: Redis,
  queue: string,
  workerName: string,
  intermediateGraceMs: number,
  now: Date = new Date(),
  lockSeconds: number = defaults.maintenanceLockSeconds,
): Promise<MaintenanceReport | null> {
  const lock = keys.cleanRegistries(queue);
  const acquired = await redis.set(lock, "1", "EX", lockSeconds, "NX");
  if (acquired !== "OK") return null;
  try {
    const nowSeconds = epochSeconds(now);
    const [[, finishedExpired], [, failedExpired], [, expiredWip]] = (await redis
      .multi()
      .zremrangebyscore(keys.finished(queue), 0, nowSeconds)
      .zremrangebyscore(keys.failed(queue), 0, nowSeconds)
      .zrangebyscore(keys.started(queue), 0, `(${nowSeconds}`)
      .exec()) as [[null, number], [null, number], [null, string[]]];

    const abandoned: string[] = [];
    if (expiredWip.length > 0) {
      const text = `Moved to FailedJobRegistry, due to AbandonedJobError, at ${rqTimestamp(now)}`;
      const payload = encodeExcString(text);
      const outcomes = expiredWip.map((member) => ({
        kind: "abandon",
        queue,
        ...parseWipMember(member),
        startedAtEpoch: "",
        payload,
        workingSeconds: 0,
      }));
      const codes = await runScript<number[]>(redis, finishScript, [keys.worker(workerName)], finishArgs("", "", outcomes, now));
      outcomes.forEach((o, index) => codes[index] !== 0 && abandoned.push(o.id));
    }

    const recovered = await runScript<string[]>(redis, recoverIntermediateScript, [keys.queue(queue), keys.intermediate(queue)], [
      epochFloat(now),
      intermediateGraceMs / 1000,
      defaults.intermediateFirstSeenTtlSeconds,
    ]);

    const deadWorkers = await removeDeadWorkers(redis, queue);
    return { queue, abandoned, recovered, expired: finishedExpired + failedExpired, deadWorkers };
  } finally {
    await redis.del(lock);
  }
}

/** Removes worker keys that no longer exist from the worker sets (RQ's clean_worker_registry). */
async function removeDeadWorkers(redis: Redis, queue: string): Promise<number> {
  const members = await redis.smembers(keys.queueWorkers(queue));
  if (members.length === 0) return 0;
  const exists = (await redis.pipeline(members.map((key) => ["exists", key])).exec()) ?? [];
  const dead = members.filter((_, index) => exists[index]?.[1] === 0);
  if (dead.length === 0) return 0;
  await redis.multi().srem(keys.queueWorkers(queue), ...dead).srem(keys.workers(), ...dead).exec();
  return dead.length;
}

