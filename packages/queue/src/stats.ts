/**
 * Throughput: how many jobs of a queue finished and failed per minute, as counted by the finish script
 * (rq:throughput:{q}:{minute}, kept two hours). Cheap to record — one HINCRBY per queue and outcome per
 * batch of jobs — and cheap to read: one pipeline of HMGETs.
 */
import type { Redis } from "ioredis";
import { keys } from "./keys.js";

export interface ThroughputPoint {
  /** The start of the minute. */
  minute: Date;
  finished: number;
  failed: number;
}

/** Finished and failed counts of the last `minutes` minutes (default 60), oldest first, the current minute last. */
export async function throughput(connection: Redis, queue: string, options: { minutes?: number; now?: Date } = {}): Promise<ThroughputPoint[]> {
  const minutes = Math.min(Math.max(Math.floor(options.minutes ?? 60), 1), 120);
  const current = Math.floor((options.now ?? new Date()).getTime() / 60_000) * 60;
  const starts = Array.from({ length: minutes }, (_, i) => current - (minutes - 1 - i) * 60);
  const pipeline = connection.pipeline();
  for (const start of starts) pipeline.hmget(keys.throughput(queue, start), "finished", "failed");
  const replies = (await pipeline.exec()) ?? [];
  return starts.map((start, i) => {
    const [finished, failed] = (replies[i]?.[1] as Array<string | null> | undefined) ?? [];
    return { minute: new Date(start * 1000), finished: Number(finished ?? 0), failed: Number(failed ?? 0) };
  });
}
