/**
 * The goals, checked against one run's figures (ratios in the same run, as PERFORMANCE.md
 * asks: the machine drifts too much for absolute numbers from different runs to compare).
 */
import type { LibraryName } from "../adapters/adapter.js";
import type { ResultRow } from "../scenarios/scenario.js";
import { advantage } from "./format.js";

export interface GoalCheck {
  goal: string;
  measured: string;
  /** undefined when the run did not measure it (a scenario or library left out). */
  met: boolean | undefined;
}

type Lookup = (id: string) => ResultRow | undefined;

/** "≥ x× peer" on rqts's advantage for row `id`. */
function ratioGoal(find: Lookup, id: string, peer: LibraryName, atLeast: number, goal: string): GoalCheck {
  const row = find(id);
  const ratio = row && advantage(row, peer);
  return { goal, measured: ratio === undefined ? "not measured" : `${ratio.toFixed(2)}×`, met: ratio === undefined ? undefined : ratio >= atLeast };
}

/** A bound on rqts's own median for row `id`. */
function valueGoal(find: Lookup, id: string, test: (value: number) => boolean, goal: string, show: (value: number) => string): GoalCheck {
  const value = find(id)?.values.rqts?.median;
  return { goal, measured: value === undefined ? "not measured" : show(value), met: value === undefined ? undefined : test(value) };
}

/** rqts's median with kept jobs over its median on an empty server. */
function growthGoal(find: Lookup, figure: "enqueue" | "process", goal: string): GoalCheck {
  const empty = find(`growth/${figure}-empty`)?.values.rqts?.median;
  const kept = find(`growth/${figure}-kept`)?.values.rqts?.median;
  if (empty === undefined || kept === undefined) return { goal, measured: "not measured", met: undefined };
  const change = (kept / empty - 1) * 100;
  return { goal, measured: `${change >= 0 ? "+" : ""}${change.toFixed(1)}%`, met: change >= -10 };
}

export function checkGoals(rows: readonly ResultRow[]): GoalCheck[] {
  const find: Lookup = (id) => rows.find((row) => row.id === id);
  return [
    ratioGoal(find, "enqueue-bulk", "bee-queue", 1.3, "bulk enqueue ≥ 1.3× bee-queue"),
    ratioGoal(find, "enqueue-concurrent", "bee-queue", 1, "concurrent enqueue ≥ bee-queue"),
    ratioGoal(find, "enqueue-one", "bee-queue", 1, "one-at-a-time enqueue ≥ bee-queue"),
    ratioGoal(find, "enqueue-one", "BullMQ", 1.3, "one-at-a-time enqueue ≥ 1.3× BullMQ"),
    ratioGoal(find, "process-c1", "BullMQ", 1.3, "processing at concurrency 1 ≥ 1.3× BullMQ"),
    ratioGoal(find, "process-c100", "BullMQ", 1.7, "processing at concurrency 100 ≥ 1.7× BullMQ"),
    valueGoal(find, "process-c100/redis-busy", (busy) => busy >= 90, "concurrency 100 ≥ 90% of the layout's Redis-bound ceiling", (busy) => `${busy.toFixed(1)}%`),
    ratioGoal(find, "latency/start-p50", "bee-queue", 1, "latency enqueue → start p50 ≤ bee-queue"),
    ratioGoal(find, "latency/start-p99", "bee-queue", 1, "latency enqueue → start p99 ≤ bee-queue"),
    ratioGoal(find, "latency/completion-p50", "bee-queue", 1, "latency enqueue → completion p50 ≤ bee-queue"),
    ratioGoal(find, "latency/completion-p99", "bee-queue", 1, "latency enqueue → completion p99 ≤ bee-queue"),
    valueGoal(find, "worker-rss", (mb) => mb <= 80, "worker peak RSS ≤ 80 MB", (mb) => `${mb.toFixed(1)} MB`),
    valueGoal(
      find,
      "redis-memory/finished-recommended",
      (bytes) => bytes <= 1536,
      "Redis memory per finished job ≤ 1.5 KB (recommended server settings)",
      (bytes) => `${Math.round(bytes)} B`,
    ),
    growthGoal(find, "enqueue", "bulk enqueue slows ≤ 10% with finished jobs kept"),
    growthGoal(find, "process", "processing slows ≤ 10% with finished jobs kept"),
  ];
}

export function goalsTable(goals: readonly GoalCheck[]): string {
  const lines = ["| Goal | rqts | Met |", "| --- | --: | :-: |"];
  for (const g of goals) lines.push(`| ${g.goal} | ${g.measured} | ${g.met === undefined ? "—" : g.met ? "✔" : "✘"} |`);
  return lines.join("\n");
}
