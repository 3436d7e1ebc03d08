/**
 * The results as Markdown tables (printed to the terminal as they are, and written to the results
 * file): each figure as median (min–max), and rqts's advantage over each peer from the medians.
 */
import { LIBRARIES, type LibraryName } from "../adapters/adapter.js";
import type { ModelRow } from "../execution-models/models.js";
import type { Spread } from "../runtime/stats.js";
import type { ResultRow } from "../scenarios/scenario.js";

const PEERS = LIBRARIES.filter((library) => library !== "rqts");

/** A number in a unit, short: 34.5k jobs/s, 0.42 ms, 73.1 MB, 1,402 B. */
export function formatNumber(value: number, unit: string): string {
  if (unit === "jobs/s") return value >= 10_000 ? `${(value / 1000).toFixed(1)}k` : value >= 1_000 ? `${(value / 1000).toFixed(2)}k` : value.toFixed(0);
  if (unit === "B") return Math.round(value).toLocaleString("en-US");
  if (unit === "%" || unit === "MB") return value.toFixed(1);
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function formatSpread(spread: Spread | undefined, unit: string): string {
  if (!spread) return "—";
  const median = formatNumber(spread.median, unit);
  if (spread.runs.length === 1) return median;
  return `${median} (${formatNumber(spread.min, unit)}–${formatNumber(spread.max, unit)})`;
}

/**
 * How many times better rqts's median is than the peer's (> 1: rqts is better), whichever way the
 * figure is better; undefined when either is missing or the figure has no better direction.
 */
export function advantage(row: ResultRow, peer: LibraryName): number | undefined {
  const ours = row.values.rqts?.median;
  const theirs = row.values[peer]?.median;
  if (ours === undefined || theirs === undefined || row.better === "neither" || ours === 0 || theirs === 0) return undefined;
  return row.better === "higher" ? ours / theirs : theirs / ours;
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "--:"))), ...rows.map(line)].join("\n");
}

/** The comparison table: one line per figure, libraries as columns, rqts's advantage per peer. */
export function comparisonTable(rows: readonly ResultRow[], libraries: readonly LibraryName[]): string {
  const peers = PEERS.filter((peer) => libraries.includes(peer));
  const header = ["Figure", "Unit", ...libraries, ...(libraries.includes("rqts") ? peers.map((peer) => `rqts vs ${peer}`) : [])];
  const body = rows.map((row) => [
    row.label.startsWith("  ") ? `↳ ${row.label.trim()}` : row.label,
    row.unit,
    ...libraries.map((library) => formatSpread(row.values[library], row.unit)),
    ...(libraries.includes("rqts")
      ? peers.map((peer) => {
          const ratio = advantage(row, peer);
          return ratio === undefined ? "" : `${ratio.toFixed(2)}×`;
        })
      : []),
  ]);
  return markdownTable(header, body);
}

/** The execution-model table. */
export function modelsTable(models: readonly ModelRow[]): string {
  const target = models[0]?.targetJobs ?? 0;
  const header = ["Model", "Start-up", "Jobs run", "Jobs/s", "Worker start-up (to its first job)", `Time for ${target.toLocaleString("en-US")} jobs`];
  const body = models.map((m) => [
    m.model,
    m.startUp,
    m.jobs.toLocaleString("en-US"),
    m.jobsPerSecond >= 100 ? m.jobsPerSecond.toFixed(0) : m.jobsPerSecond.toFixed(1),
    `${m.firstJobMs.toFixed(0)} ms`,
    `${(m.targetMs / 1000).toFixed(1)} s${m.projected ? " (projected)" : ""}`,
  ]);
  return markdownTable(header, body);
}
