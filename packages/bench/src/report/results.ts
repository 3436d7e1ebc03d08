/**
 * One run's results as files under `results/`: `<date>-<time>.json` (every run's value, for whoever
 * wants to recompute) and `<date>-<time>.md` (the tables as the README shows them, with the method).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { LibraryName } from "../adapters/adapter.js";
import type { ModelRow } from "../execution-models/models.js";
import type { Machine } from "../runtime/machine.js";
import type { ResultRow } from "../scenarios/scenario.js";
import type { Sizes } from "../sizes.js";
import { comparisonTable, modelsTable } from "./format.js";
import { goalsTable, type GoalCheck } from "./goals.js";

export interface RunResults {
  startedAt: string;
  durationSeconds: number;
  machine: Machine;
  versions: Record<LibraryName, string>;
  libraries: LibraryName[];
  sizes: Sizes;
  /** Whether the 1-minute load average was above 2.5 at the start or the end: other work shared the machine. */
  underLoad: boolean;
  rows: ResultRow[];
  goals: GoalCheck[];
  models: ModelRow[];
}

/** The Markdown report: what was measured where, the tables, and the goals. */
export function markdown(results: RunResults): string {
  const { machine, versions, sizes } = results;
  const lines = [
    `# rqts benchmark, ${results.startedAt.slice(0, 16).replace("T", " ")} UTC`,
    "",
    `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}; Node ${machine.node}; ` +
      `Redis ${machine.redis} on loopback (one private server for every library, persistence off).`,
    `Versions: ${results.libraries.map((library) => `${library} ${versions[library]}`).join(", ")}.`,
    `Load average (1 min): ${machine.loadAtStart.toFixed(2)} at the start, ${machine.loadAtEnd.toFixed(2)} at the end` +
      (results.underLoad ? " — **measured under load**: other work shared the 2 cores, so absolute figures are low and noisy; compare the ratios." : "."),
    `One round trip (PING): ${machine.roundTripMicros.toFixed(0)} µs. A bare \`node\` process: ${machine.bareNodeRssMb.toFixed(1)} MB RSS. ` +
      `Run time: ${Math.round(results.durationSeconds)} s.`,
    "",
    `No-op jobs, N = ${sizes.jobs.toLocaleString("en-US")}, after a warm-up of ${sizes.warmupJobs.toLocaleString("en-US")} jobs per library; ` +
      `each figure is the median (min–max) of ${sizes.repeats} runs, libraries interleaved run by run. ` +
      `"rqts vs X" is how many times better rqts's median is (> 1: rqts better, whichever way the figure is better).`,
    "",
    comparisonTable(results.rows, results.libraries),
    "",
  ];
  const notes = new Map<string, string[]>(); // note → the figures it explains
  for (const row of results.rows) if (row.note) notes.set(row.note, [...(notes.get(row.note) ?? []), row.label.trim()]);
  if (notes.size > 0) {
    lines.push("Notes:", ...[...notes].map(([note, labels]) => `- ${labels.join("; ")}: ${note}.`), "");
  }
  if (results.goals.length > 0) lines.push("## Goals (issue 13)", "", goalsTable(results.goals), "");
  if (results.models.length > 0) {
    lines.push(
      "## Worker execution models",
      "",
      `${sizes.modelJobs.toLocaleString("en-US")} small jobs (a lookup and a small JSON document), one rqts worker at concurrency 1, ` +
        "timed from `worker.run()` to the last job recorded, start-up included.",
      "",
      modelsTable(results.models),
      "",
    );
  }
  return lines.join("\n");
}

/** Writes `<dir>/<stamp>.json` and `.md`; returns their paths. */
export function writeResults(dir: string, results: RunResults): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const stamp = results.startedAt.slice(0, 16).replace(":", "").replace("T", "-");
  const json = join(dir, `${stamp}.json`);
  const md = join(dir, `${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(md, markdown(results));
  return { json, markdown: md };
}
