/**
 * Cadence: when a cron entry's ticks fall. Two kinds — a cron pattern read in an IANA time zone, or a
 * fixed interval from an anchor — behind one interface, so the scheduler's catch-up logic does not
 * care which. Pattern parsing and next/previous-run computation (including DST) are croner's; this file
 * only validates input into typed errors and answers two questions in epoch milliseconds.
 */
import { Cron } from "croner";
import { InvalidArgumentError } from "../errors.js";

/** When an entry's ticks fall. Times are epoch milliseconds. */
export interface Cadence {
  /** The first tick strictly after `afterMs`, or `null` when there is none. */
  nextAfter(afterMs: number): number | null;
  /** The latest tick at or before `atMs`, or `null` when there is none. */
  latestAtOrBefore(atMs: number): number | null;
}

/** Checks an IANA time zone name ("Europe/Berlin", "UTC"); returns it, or throws InvalidArgumentError. */
export function validateTimezone(timezone: unknown): string {
  if (typeof timezone !== "string" || timezone.trim() === "") {
    throw new InvalidArgumentError(`timezone must be an IANA time zone name such as "Europe/Berlin" or "UTC"; got ${JSON.stringify(timezone)}`);
  }
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
  } catch {
    throw new InvalidArgumentError(
      `timezone "${timezone}" is not an IANA time zone this Node.js knows (use names such as "Europe/Berlin", "America/New_York" or "UTC")`,
    );
  }
  return timezone;
}

/**
 * A cron pattern: 5 fields (minute hour day month weekday) or 6 (with seconds first), or a nickname
 * such as `@daily`, read in `timezone`. Throws InvalidArgumentError for anything croner rejects and for
 * a pattern that never matches (such as 31 February).
 */
export function cronCadence(pattern: unknown, timezone: string): Cadence {
  if (typeof pattern !== "string" || pattern.trim() === "") {
    throw new InvalidArgumentError(`A cron pattern must be a string such as "*/5 * * * *" (5 fields) or "0 */5 * * * *" (6, seconds first); got ${JSON.stringify(pattern)}`);
  }
  validateTimezone(timezone);
  let cron: Cron;
  try {
    // paused: croner only computes times here; it never starts a timer of its own
    cron = new Cron(pattern, { timezone, mode: "5-or-6-parts", paused: true });
  } catch (error) {
    throw new InvalidArgumentError(
      `Cron pattern "${pattern}" is invalid: ${(error as Error).message.replace(/^CronPattern: /, "")}. ` +
        `Use 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly`,
    );
  }
  if (cron.nextRun(new Date()) === null) {
    throw new InvalidArgumentError(`Cron pattern "${pattern}" never matches a date (check the day and month fields)`);
  }
  return {
    nextAfter: (afterMs) => cron.nextRun(new Date(afterMs))?.getTime() ?? null,
    // croner's previousRuns excludes its reference instant itself, hence the +1 ms
    latestAtOrBefore: (atMs) => cron.previousRuns(1, new Date(atMs + 1))[0]?.getTime() ?? null,
  };
}

/** The shortest interval an entry may have: below it a 1 s scheduler tick could not keep up. */
export const MIN_INTERVAL_MS = 1_000;

/** Every `intervalMs`, counted from `anchorMs` (the first tick). */
export function intervalCadence(intervalMs: number, anchorMs: number): Cadence {
  if (!Number.isFinite(intervalMs) || intervalMs < MIN_INTERVAL_MS) {
    throw new InvalidArgumentError(`interval must be a finite duration of at least 1 s ("30s", "5m", 60000); got ${intervalMs} ms`);
  }
  return {
    nextAfter: (afterMs) => (afterMs < anchorMs ? anchorMs : anchorMs + (Math.floor((afterMs - anchorMs) / intervalMs) + 1) * intervalMs),
    latestAtOrBefore: (atMs) => (atMs < anchorMs ? null : anchorMs + Math.floor((atMs - anchorMs) / intervalMs) * intervalMs),
  };
}
