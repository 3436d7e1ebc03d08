/**
 * The app's two queues, and the job options every producer uses for them:
 * - `{prefix}-api`: fetch jobs, one NASA API call each. Rate-limited (MARS_ROVER_API_RATE_LIMIT), so
 *   every worker together stays within the API key's allowance; its own queue, because a worker waiting
 *   for a rate-limit window takes nothing else meanwhile.
 * - `{prefix}-photos`: photo downloads (from NASA's image hosts, not the API) and per-sol summaries.
 */
import type { Redis } from "ioredis";
import { Queue, type RetryOptions } from "@rqts/queue";
import type { MarsRoverConfig, RateLimit } from "./config";

export interface AppQueues {
  api: Queue;
  photos: Queue;
}

/** The queue names for a prefix. */
export function queueNames(prefix: string): { api: string; photos: string } {
  return { api: `${prefix}-api`, photos: `${prefix}-photos` };
}

/** Both queues on `connection`. */
export function appQueues(connection: Redis, config: Pick<MarsRoverConfig, "queuePrefix">): AppQueues {
  const names = queueNames(config.queuePrefix);
  return { api: new Queue(names.api, { connection }), photos: new Queue(names.photos, { connection }) };
}

/** The longest wait between two retries. */
const MAX_RETRY_DELAY = "5m";

// #region retry-policy
/**
 * Retries with exponential backoff (delay, 2×, 4×, … at most 5 min) for jobs that meet a 429, a 5xx or a
 * network error; `undefined` when retries are off. Tasks throw `UnrecoverableError` for the rest.
 */
export function retryPolicy(config: Pick<MarsRoverConfig, "maxRetries" | "retryDelayMs">): RetryOptions | undefined {
  if (config.maxRetries === 0) return undefined;
  return { max: config.maxRetries, backoff: { type: "exponential", delay: config.retryDelayMs, maxDelay: MAX_RETRY_DELAY } };
}
// #endregion retry-policy

/** How long finished jobs and their results stay readable: the gallery shows a day of runs. */
export const RESULT_TTL = "1d";

// #region apply-rate-limit
/**
 * Sets the API queue's rate limit (or removes it, for `null`). It is stored in Redis, so it binds every
 * worker of the queue, those already running too; the last worker started decides.
 */
export async function applyRateLimit(api: Queue, limit: RateLimit | null): Promise<void> {
  const current = await api.getRateLimit();
  if (limit && current?.max === limit.max && current.durationMs === limit.durationMs) return; // a restart keeps its window
  // A new limit starts a new window: the current one may be an hour long, counted against the old maximum.
  await api.clearRateLimit();
  if (limit) await api.setRateLimit({ max: limit.max, duration: limit.durationMs });
}
// #endregion apply-rate-limit
