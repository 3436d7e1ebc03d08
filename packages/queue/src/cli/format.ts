/**
 * Text formatting for the terminal: safe text (job data never reaches the terminal as control
 * characters), bars, aligned tables, dates and ages.
 */

/**
 * Job data comes from Redis, written by anyone: an escape sequence in a job's arguments must not
 * drive the user's terminal. Control characters are shown as `\xNN` (newlines and tabs kept when
 * `multiline`).
 */
export function safe(text: string, multiline = false): string {
  const unsafe = multiline ? /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g : /[\x00-\x1f\x7f-\x9f]/g;
  return text.replace(unsafe, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Cuts `text` to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Any JSON value as one safe line. */
export function jsonLine(value: unknown, max = 200): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return truncate(safe(text), max);
}

const EIGHTHS = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];

/** A horizontal bar of `count` out of `max` in `width` cells, in eighths of a cell. */
export function bar(count: number, max: number, width: number): string {
  if (count <= 0 || max <= 0) return "";
  const eighths = Math.max(1, Math.round((Math.min(count, max) / max) * width * 8));
  return "█".repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8];
}

/** Rows as columns padded to their widest cell; `right` lists the columns aligned right (numbers). */
export function table(rows: readonly string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = " ".repeat((widths[i] ?? 0) - [...cell].length);
        return right.has(i) ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

/** `2026-11-28 08:50:44 UTC` (unambiguous, and what Redis stores). */
export function formatDate(date: Date | undefined): string {
  return date ? `${date.toISOString().slice(0, 19).replace("T", " ")} UTC` : "–";
}

/** `42s`, `3m 5s`, `2h 10m`, `3d 4h`. */
export function formatSeconds(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** `3m 5s ago` / `in 10m 0s` relative to now. */
export function relative(date: Date | undefined, now = Date.now()): string {
  if (!date) return "–";
  const seconds = (now - date.getTime()) / 1000;
  return seconds >= 0 ? `${formatSeconds(seconds)} ago` : `in ${formatSeconds(-seconds)}`;
}

/** A date with its age: `2026-11-28 08:50:44 UTC (3m 5s ago)`. */
export function dateAndAge(date: Date | undefined): string {
  return date ? `${formatDate(date)} (${relative(date)})` : "–";
}

/** `1 job`, `3 jobs`; `2 entries` when the plural is given. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
