/**
 * Durations: milliseconds as numbers, or strings such as "250ms", "90s", "5m", "1h", "2d", "1w".
 * Redis stores RQ's whole seconds; `-1` (or `Infinity`, or "never") means "no limit / keep forever"
 * where RQ accepts -1.
 */
import { InvalidArgumentError } from "./errors.js";

export type Duration = number | string;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** Parses a duration into milliseconds; `-1`, `Infinity` and "never" give `Infinity`. */
export function toMilliseconds(value: Duration, name = "duration"): number {
  if (typeof value === "number") {
    if (value === -1 || value === Infinity) return Infinity;
    if (!Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError(`${name} must be a non-negative number of milliseconds, -1 or a string like "90s"; got ${value}`);
    }
    return value;
  }
  const text = value.trim().toLowerCase();
  if (text === "never" || text === "-1") return Infinity;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)?$/.exec(text);
  if (!match) {
    throw new InvalidArgumentError(
      `${name} "${value}" is not a duration: use milliseconds (1500) or a number with a unit ms, s, m, h, d, w ("90s", "5m")`,
    );
  }
  return Number(match[1]) * UNIT_MS[match[2] ?? "ms"]!;
}

/** A duration as RQ's whole seconds (rounded up, so "1500ms" is 2 s); `-1` when unlimited. */
export function toSeconds(value: Duration, name = "duration"): number {
  const ms = toMilliseconds(value, name);
  return ms === Infinity ? -1 : Math.ceil(ms / 1000);
}
