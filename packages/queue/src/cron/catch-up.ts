/**
 * The catch-up policy: what a scheduler does with an entry's ticks that are due when it looks.
 *
 * A tick is *on time* when a scheduler finds it within the misfire grace after its time (by default the
 * scheduler lock's TTL plus two scheduler intervals, so ticks that fall while a dead leader's lock
 * expires are still on time for its successor). Every on-time tick gets its own job. Older ticks were
 * *missed* — no scheduler ran then — and the entry's policy decides:
 *
 * - `"skip"` (default): missed ticks are dropped.
 * - `"latest"`: when no tick is on time, the most recent missed one gets a job; older ones are dropped.
 *
 * The next run is computed after the ticks served and after the current time — never from a time at
 * or before a tick already served, which is how rq-scheduler came to run cron jobs twice at a minute
 * boundary (its #250).
 */
import type { Cadence } from "./cadence.js";

/** What happens to ticks that were due while no scheduler ran. See docs/scheduling.md. */
export type CatchUpPolicy = "skip" | "latest";

export const CATCH_UP_POLICIES: readonly CatchUpPolicy[] = ["skip", "latest"];

/** What one scheduler tick does for one due entry. */
export interface TickPlan {
  /** The ticks (epoch ms, oldest first) to enqueue a job for; empty when all due ticks are skipped. */
  ticks: number[];
  /** Whether due ticks older than the grace were dropped. */
  droppedMissed: boolean;
  /** The entry's next run (epoch ms), after every tick served; `null` when the cadence has none. */
  nextRun: number | null;
}

export interface PlanInput {
  cadence: Cadence;
  /** The entry's stored next run. */
  nextRunMs: number;
  nowMs: number;
  policy: CatchUpPolicy;
  graceMs: number;
  /** At most this many ticks now (the entry's runs left, a per-tick batch); the rest wait for the next tick. */
  maxTicks: number;
}

/** Plans a scheduler tick for one entry; `null` when the entry is not due yet. */
export function planTick({ cadence, nextRunMs, nowMs, policy, graceMs, maxTicks }: PlanInput): TickPlan | null {
  if (nextRunMs > nowMs) return null;
  const graceStart = nowMs - graceMs;
  let droppedMissed = nextRunMs < graceStart;
  // the first on-time tick: the stored next run itself, unless it is older than the grace
  let tick: number | null = droppedMissed ? firstAtOrAfter(cadence, graceStart) : nextRunMs;
  const ticks: number[] = [];
  while (tick !== null && tick <= nowMs && ticks.length < maxTicks) {
    ticks.push(tick);
    tick = cadence.nextAfter(tick);
  }
  if (tick !== null && tick <= nowMs) {
    // capped: the remaining on-time ticks are served by the next scheduler tick
    return { ticks, droppedMissed, nextRun: tick };
  }
  if (ticks.length === 0 && droppedMissed && policy === "latest") {
    const latest = Math.max(nextRunMs, cadence.latestAtOrBefore(nowMs) ?? nextRunMs);
    ticks.push(latest);
    droppedMissed = latest !== nextRunMs; // only ticks before the latest were dropped
  }
  return { ticks, droppedMissed, nextRun: cadence.nextAfter(nowMs) };
}

/** The first tick at or after `ms`. */
export function firstAtOrAfter(cadence: Cadence, ms: number): number | null {
  return cadence.latestAtOrBefore(ms) === ms ? ms : cadence.nextAfter(ms);
}
