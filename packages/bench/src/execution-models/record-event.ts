/**
 * The small job of the execution-model comparison (Redash's `record_event`: light and frequent), and
 * the expensive start-up it may need (Redash's SQLAlchemy `configure_mappers()`), here a lookup table
 * of `entries` entries built at start-up.
 */

export interface EventKind {
  id: number;
  kind: number;
}

export type EventTable = Map<string, EventKind>;

/** Builds the lookup table: the one-time initialisation whose cost depends on where it runs. */
export function heavyStartUp(entries: number): EventTable {
  const table: EventTable = new Map();
  for (let i = 0; i < entries; i++) table.set(`event-${i}`, { id: i, kind: i % 13 });
  return table;
}

/** Records one event: a lookup (when a table was built) and a small JSON document, as a light job would. */
export function recordEvent(table: EventTable | undefined, sequence: number): string {
  const known = table?.get(`event-${sequence % Math.max(table.size, 1)}`);
  return JSON.stringify({ event: "page_view", sequence, kind: known?.kind ?? null, at: Date.now() });
}

/** The task name the models enqueue. */
export const RECORD_EVENT_TASK = "bench.record_event";

/** The environment variable that tells the pool's task module how big a start-up to pay (0: none). */
export const START_UP_ENTRIES_ENV = "RQTS_BENCH_START_UP_ENTRIES";
