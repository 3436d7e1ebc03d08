/**
 * Where per-sol summaries are kept: the app's own Redis keys, beside RQ's. A job's result expires with
 * the job (a day here); the summary of a sol stays until the sol is summarised again.
 *
 * | key                                        | type   | purpose                                   | TTL  |
 * |--------------------------------------------|--------|-------------------------------------------|------|
 * | mars-rover:summary:{rover}:{sol}:{camera}  | string | the latest `SolSummary` of that sol, JSON | none |
 *
 * `{camera}` is the camera's abbreviation, or `all` for a fetch of every camera.
 */
import type { Redis } from "ioredis";
import type { SolDay, SolSummary } from "./summary";

/** The key names; nothing else in the app spells them. */
export const summaryKeys = {
  summary: (day: Pick<SolDay, "rover" | "sol" | "camera">) => `mars-rover:summary:${day.rover}:${day.sol}:${day.camera ?? "all"}`,
};

/** Saves a summary, replacing the sol's previous one. */
export async function saveSummary(redis: Redis, summary: SolSummary): Promise<void> {
  await redis.set(summaryKeys.summary(summary), JSON.stringify(summary));
}

/** The latest summary of a sol, or `null`. */
export async function loadSummary(redis: Redis, day: Pick<SolDay, "rover" | "sol" | "camera">): Promise<SolSummary | null> {
  const json = await redis.get(summaryKeys.summary(day));
  if (json === null) return null;
  try {
    return JSON.parse(json) as SolSummary;
  } catch {
    return null; // written by hand or by another program: treated as absent, never evaluated
  }
}
