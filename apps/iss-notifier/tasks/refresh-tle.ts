/**
 * `iss.refresh-tle()`: the daily cron job that stores a fresh ISS TLE from ISS_TLE_URL. Orbits drift
 * (drag, reboosts), so a TLE a few weeks old predicts rise times minutes off. A failed or malformed
 * download throws (the job fails visibly) and keeps the TLE in use.
 */
import { defineTask } from "@rqts/queue";
import type { Redis } from "ioredis";
import type { Clock } from "../lib/subscriptions";
import { TASK_NAMES } from "../lib/task-names";
import { refreshTle } from "../lib/tle-store";

export function refreshTleTask(redis: Redis, tleUrl: string | undefined, now: Clock) {
  return defineTask(TASK_NAMES.refreshTle, async () => {
    if (!tleUrl) return { refreshed: false, reason: "ISS_TLE_URL is not set: the bundled TLE stays in use" };
    const tle = await refreshTle(redis, tleUrl, now());
    return { refreshed: true, name: tle.name, epoch: tle.epoch.toISOString() };
  });
}

/** Daily at 04:17 UTC: an off-peak minute, so the TLE source is not hit on the hour with everyone else. */
export const TLE_REFRESH_CRON = { id: "iss-refresh-tle", pattern: "17 4 * * *", timezone: "UTC" } as const;
