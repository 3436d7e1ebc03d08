/**
 * Time as RQ writes it: hash timestamps `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, six digits), registry
 * scores as whole epoch seconds, execution and result times as float epoch seconds.
 */

/** The last timestamp made: a batch of jobs, or a worker's calls, ask for the same millisecond many times. */
let lastStampMs = NaN;
let lastStamp = "";

/** `2026-11-28T06:54:07.188000Z`: the millisecond ISO string padded to Python's six digits. */
export function rqTimestamp(date: Date = new Date()): string {
  const ms = date.getTime();
  if (ms !== lastStampMs) {
    lastStamp = `${date.toISOString().slice(0, -1)}000Z`;
    lastStampMs = ms;
  }
  return lastStamp;
}

/** Parses RQ's timestamp (1–6 fraction digits, or none); `undefined` for empty or invalid text. */
export function parseRqTimestamp(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z?$/.exec(text);
  if (!match) return undefined;
  const ms = match[2] ? Number(match[2].padEnd(6, "0").slice(0, 3)) : 0;
  const date = new Date(`${match[1]}Z`);
  if (Number.isNaN(date.getTime())) return undefined;
  return new Date(date.getTime() + ms);
}

/** Float epoch seconds as text, like Python's `str(time.time())` ("1795848847.815593"). */
export function epochFloat(date: Date = new Date()): string {
  return (date.getTime() / 1000).toFixed(6);
}

/** Whole epoch seconds (RQ's `calendar.timegm` scores). */
export function epochSeconds(date: Date = new Date()): number {
  return Math.floor(date.getTime() / 1000);
}
