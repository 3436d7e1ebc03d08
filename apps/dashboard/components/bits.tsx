/**
 * Small pieces every page uses: a job status badge, a date, a JSON block. All job data goes through
 * React's text rendering, which escapes it; nothing is ever inserted as HTML.
 */
import type { JobStatus } from "@rqts/queue";
import { formatDate, toJsonText } from "../lib/format";

/** A job's status as a coloured badge; `gone` for an entry whose job no longer exists. */
export function StatusBadge({ status }: { status: JobStatus | null }) {
  const text = status ?? "gone";
  return <span className={`status status-${text}`}>{text}</span>;
}

/** A date in UTC, with the exact ISO time as tooltip and machine-readable attribute. */
export function Timestamp({ date }: { date: Date | null | undefined }) {
  if (!date || Number.isNaN(date.getTime())) return <span className="muted">—</span>;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString()}>
      {formatDate(date)}
    </time>
  );
}

/** A value as indented JSON in a <pre>, as text. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" aria-label={label}>
      {toJsonText(value)}
    </pre>
  );
}
