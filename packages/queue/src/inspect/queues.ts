/**
 * Queue summaries: every queue named in `rq:queues`, with how many jobs each of its lists holds. All
 * counts of all queues come from one pipeline (one round trip), and reading them changes nothing.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "../errors.js";
import { keys, queueNameFromKey } from "../keys.js";
import { epochSeconds } from "../time.js";
import type { JobListName } from "./job-lists.js";

/** How many jobs each list of a queue holds. */
export type JobCounts = Record<JobListName, number>;

/** One queue as `rqts info` and the dashboard show it. */
export interface QueueSummary {
  name: string;
  /** Whether `rq:queues` names it (a queue deleted with `queue.delete()` may still have registries). */
  registered: boolean;
  /** Finished and failed leave out expired entries, as the registries' `count()` does. */
  counts: JobCounts;
  /** Jobs of all lists together. */
  total: number;
  /**
   * Started jobs whose heartbeat expired: their worker died. Maintenance (a worker's, or the
   * inspector's `clean`) moves them to failed; reading does not.
   */
  abandoned: number;
  /** Finished and failed entries past their expiry, not yet removed by maintenance. */
  expired: number;
}

/** Names of the queues in `rq:queues`, sorted. */
export async function queueNames(redis: Redis): Promise<string[]> {
  const members = await redis.smembers(keys.queues());
  return members.map(queueNameFromKey).sort();
}

/** Counts of the given queues (default: every queue in `rq:queues`), in one round trip. */
export async function queueSummaries(redis: Redis, names?: readonly string[]): Promise<QueueSummary[]> {
  const registered = new Set(await queueNames(redis));
  const wanted = names ? [...new Set(names)] : [...registered];
  for (const name of wanted) {
    if (typeof name !== "string" || name === "") throw new InvalidArgumentError("Queue names must be non-empty strings");
  }
  if (wanted.length === 0) return [];
  const now = epochSeconds();
  const live = `(${now}`; // as ExpiringRegistry.count: entries expiring strictly after now
  const pipeline = redis.pipeline();
  for (const queue of wanted) {
    pipeline
      .llen(keys.queue(queue))
      .zcard(keys.started(queue))
      .zcard(keys.deferred(queue))
      .zcard(keys.scheduled(queue))
      .zcount(keys.finished(queue), live, "+inf")
      .zcount(keys.failed(queue), live, "+inf")
      .zcard(keys.canceled(queue))
      .zcount(keys.started(queue), "-inf", `(${now}`)
      .zcount(keys.finished(queue), "-inf", now)
      .zcount(keys.failed(queue), "-inf", now);
  }
  const replies = (await pipeline.exec()) ?? [];
  const PER_QUEUE = 10;
  return wanted.map((name, index) => {
    const value = (offset: number): number => {
      const [error, reply] = replies[index * PER_QUEUE + offset] ?? [null, 0];
      if (error) throw error;
      return Number(reply);
    };
    const counts: JobCounts = {
      queued: value(0),
      started: value(1),
      deferred: value(2),
      scheduled: value(3),
      finished: value(4),
      failed: value(5),
      canceled: value(6),
    };
    const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
    return { name, registered: registered.has(name), counts, total, abandoned: value(7), expired: value(8) + value(9) };
  });
}

/** A queue is known when `rq:queues` names it or any of its lists holds something. */
export function isKnownQueue(summary: QueueSummary): boolean {
  return summary.registered || summary.total > 0 || summary.expired > 0;
}
