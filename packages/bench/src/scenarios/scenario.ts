/**
 * What a scenario is given and gives back, and the steps most of them share: a fresh adapter on an
 * empty server for each run, runs interleaved across libraries (repeat 1 of every library, then
 * repeat 2, …) so that the machine's drift hits them alike.
 */
import { randomUUID } from "node:crypto";
import { loadAdapter } from "../adapters/index.js";
import type { LibraryName, QueueAdapter } from "../adapters/adapter.js";
import { reset, type BenchRedis } from "../runtime/redis.js";
import { spread, type Spread } from "../runtime/stats.js";
import type { Sizes } from "../sizes.js";

export interface BenchContext {
  redis: BenchRedis;
  sizes: Sizes;
  libraries: readonly LibraryName[];
  /** Progress lines (stderr), so the table on stdout stays clean. */
  log: (line: string) => void;
}

/** One line of the results table: a figure per library (median/min/max over the repeats). */
export interface ResultRow {
  /** Stable id of the figure (`process-c100`, `latency/start-p99`): goals and readers look rows up by it. */
  id: string;
  scenario: string;
  label: string;
  unit: string;
  /** Which way is better; "neither" prints no ratio (a diagnostic figure). */
  better: "higher" | "lower" | "neither";
  values: PerLibrary;
  /** How the figure was taken, when the label cannot say it. */
  note?: string;
}

export interface Scenario {
  /** Short id, used by `--only` and in the results file. */
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ResultRow[]>;
}

/** A fresh adapter on an empty server, closed after `use` (even when it throws). */
export async function withFreshQueue<T>(ctx: BenchContext, library: LibraryName, use: (adapter: QueueAdapter) => Promise<T>): Promise<T> {
  await reset(ctx.redis.admin);
  const adapter = await (await loadAdapter(library))(ctx.redis.target, `bench-${randomUUID().slice(0, 8)}`);
  try {
    return await use(adapter);
  } finally {
    await adapter.close();
  }
}

/** Figures per library, each a Spread over the repeats. */
export type PerLibrary = Partial<Record<LibraryName, Spread>>;

/**
 * Runs `measure` `repeats` times for every library, interleaved, and collects each named figure it
 * returns as one Spread per library.
 */
export async function interleavedFigures<K extends string>(
  ctx: BenchContext,
  name: string,
  measure: (library: LibraryName, repeat: number) => Promise<Record<K, number>>,
  repeats = ctx.sizes.repeats,
): Promise<Record<K, PerLibrary>> {
  const runs = new Map<K, Map<LibraryName, number[]>>();
  for (let repeat = 1; repeat <= repeats; repeat++) {
    for (const library of ctx.libraries) {
      const figures = await measure(library, repeat);
      for (const [figure, value] of Object.entries(figures) as Array<[K, number]>) {
        const byLibrary = runs.get(figure) ?? new Map<LibraryName, number[]>();
        runs.set(figure, byLibrary);
        byLibrary.set(library, [...(byLibrary.get(library) ?? []), value]);
      }
      const shown = Object.entries(figures as Record<string, number>).map(([figure, value]) => `${figure} ${formatValue(value)}`);
      ctx.log(`  ${name} · ${library} · run ${repeat}/${repeats}: ${shown.join(", ")}`);
    }
  }
  const result = {} as Record<K, PerLibrary>;
  for (const [figure, byLibrary] of runs) {
    result[figure] = Object.fromEntries([...byLibrary].map(([library, values]) => [library, spread(values)]));
  }
  return result;
}

/** `interleavedFigures` for a scenario with one figure per run. */
export async function interleaved(
  ctx: BenchContext,
  name: string,
  measure: (library: LibraryName, repeat: number) => Promise<number>,
  repeats = ctx.sizes.repeats,
): Promise<PerLibrary> {
  const figures = await interleavedFigures(ctx, name, async (library, repeat) => ({ value: await measure(library, repeat) }), repeats);
  return figures.value;
}

function formatValue(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(2);
}

/** Sequence numbers 0..n-1, the payloads of a run. */
export function sequences(n: number, offset = 0): number[] {
  return Array.from({ length: n }, (_, i) => offset + i);
}
