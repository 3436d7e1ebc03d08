/**
 * Suspension: while `rq:suspended` exists, workers (rqts's and Python RQ's) take no new jobs; burst
 * workers exit. rqts workers check it inside the claim script, so none starts a job after `suspend()`
 * returns. Running jobs go on.
 */
import type { Redis } from "ioredis";
import { toSeconds, type Duration } from "./duration.js";
import { InvalidArgumentError } from "./errors.js";
import { keys } from "./keys.js";

/** Suspends all workers on this Redis, for `duration` if given (then they resume on their own). */
export async function suspendWorkers(connection: Redis, options: { duration?: Duration } = {}): Promise<void> {
  if (options.duration === undefined) {
    await connection.set(keys.suspended(), "1");
    return;
  }
  const seconds = toSeconds(options.duration, "duration");
  if (seconds <= 0) throw new InvalidArgumentError("duration must be at least 1 s (or omitted: until resumed)");
  await connection.set(keys.suspended(), "1", "EX", seconds);
}

/** Lets suspended workers take jobs again. */
export async function resumeWorkers(connection: Redis): Promise<void> {
  await connection.del(keys.suspended());
}

export async function isSuspended(connection: Redis): Promise<boolean> {
  return (await connection.exists(keys.suspended())) === 1;
}
