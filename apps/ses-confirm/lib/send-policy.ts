/**
 * How the confirmation job is enqueued: its retry policy lives here so the web app (which enqueues)
 * and the tests agree on it.
 */
import type { EnqueueOptions } from "@rqts/queue";

/** Attempts after the first: with a 2 s base, waits of up to 2, 4, 8, 16 and 32 s. */
export const SEND_RETRIES = 5;

/**
 * Exponential backoff with jitter: each wait doubles from `baseSeconds` (capped at 5 minutes), and a
 * random share of it is dropped, so mails throttled together do not all come back together.
 */
export function sendRetryOptions(baseSeconds: number): Pick<EnqueueOptions, "retry"> {
  return { retry: { max: SEND_RETRIES, backoff: { type: "exponential", delay: baseSeconds * 1000, maxDelay: "5m", jitter: true } } };
}
