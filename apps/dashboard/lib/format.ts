/**
 * How values look on the pages. Dates are shown in UTC with the full ISO time in the tooltip, so
 * the same job reads the same for everyone; JSON is pretty-printed text that React escapes.
 */

/** `2025-11-28 09:12:03 UTC`, or `—` for no date. */
export function formatDate(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/** A duration in seconds as `850 ms`, `42 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h`. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const [d, h, m, s] = [Math.floor(whole / 86_400), Math.floor(whole / 3600) % 24, Math.floor(whole / 60) % 60, whole % 60];
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return s > 0 ? `${m} min ${s} s` : `${m} min`;
}

/** The time between two dates, or `—` when either is missing. */
export function formatElapsed(from: Date | undefined, to: Date | undefined): string {
  return from && to ? formatSeconds((to.getTime() - from.getTime()) / 1000) : "—";
}

/** A count with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** Any value as indented JSON text (`undefined` → `—`; values JSON cannot hold are described, not thrown). */
export function toJsonText(value: unknown): string {
  if (value === undefined) return "—";
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch (error) {
    return `(cannot be shown as JSON: ${(error as Error).message})`;
  }
}

/**
 * The fraction done that `meta.progress` holds, 0 to 1, when it is a number: `0.42` and `42` both mean
 * 42 % (handlers use either scale, see `currentJob().setProgress`). `undefined` for anything else.
 */
export function progressFraction(meta: Readonly<Record<string, unknown>>): number | undefined {
  const progress = meta.progress;
  if (typeof progress !== "number" || !Number.isFinite(progress) || progress < 0) return undefined;
  return Math.min(progress > 1 ? progress / 100 : progress, 1);
}
