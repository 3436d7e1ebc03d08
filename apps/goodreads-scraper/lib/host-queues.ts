/**
 * The per-host rate limit. The library's `setRateLimit` applies to a queue, across every worker, so
 * each allowed host gets its own queue of page jobs carrying the host's limit: two workers (or twenty)
 * together still send a host at most `max` requests per window, while other hosts' queues go on at
 * their own pace. A worker listens on the exports queue and on every host's queue.
 */
import type { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import type { ScraperConfig } from "./config";
import type { ScraperKeys } from "./keys";

/** The queues a worker listens on, highest priority first: exports (cheap, and they end a batch), then each host's pages. */
export function workerQueues(config: Pick<ScraperConfig, "allowedOrigins">, keys: ScraperKeys): string[] {
  return [keys.exportsQueue, ...config.allowedOrigins.map((origin) => keys.pagesQueue(new URL(origin).host))];
}

/** Stores the configured rate limit on every host's queue (in Redis, so workers already running obey it too). */
export async function applyRateLimits(redis: Redis, config: Pick<ScraperConfig, "allowedOrigins" | "rateLimit">, keys: ScraperKeys): Promise<void> {
  for (const origin of config.allowedOrigins) {
    const queue = new Queue(keys.pagesQueue(new URL(origin).host), { connection: redis });
    await queue.setRateLimit({ max: config.rateLimit.max, duration: config.rateLimit.durationMs });
  }
}

/** "1 request per 1 s", for logs and the page. */
export function describeRateLimit({ max, durationMs }: ScraperConfig["rateLimit"]): string {
  const duration = durationMs % 1000 === 0 ? `${durationMs / 1000} s` : `${durationMs} ms`;
  return `${max} request${max === 1 ? "" : "s"} per ${duration} per host`;
}
