/**
 * How a task's error decides about retries. A job is retried (with backoff) when trying again can
 * help: NASA's rate limit (429), a server error (5xx), a network failure or timeout. Anything else —
 * a bad key, an unknown rover, a photo on a host that is not allowed, bad arguments — fails the job at
 * once with `UnrecoverableError`, keeping its retries unused.
 */
import { UnrecoverableError } from "@rqts/queue";
import { InvalidInputError, NasaApiError, PhotoDownloadError } from "./errors";

// #region retry-decision
/** `error`, or an `UnrecoverableError` with the same message when a retry cannot help. */
export function forRetryDecision(error: unknown): unknown {
  const hopeless =
    error instanceof InvalidInputError ||
    ((error instanceof NasaApiError || error instanceof PhotoDownloadError) && !error.retryable);
  return hopeless ? new UnrecoverableError((error as Error).message, { cause: error }) : error;
}
// #endregion retry-decision

/** Runs `work`; rethrows its error as `forRetryDecision` says. */
export async function withRetryDecision<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw forRetryDecision(error);
  }
}
