/**
 * The gallery's order of runs, shared by the server (the snapshot) and the page (live updates); it
 * imports types only, so the page's bundle stays free of server code.
 */
import type { SolRun } from "./sol-runs";

/** Newest run first; runs enqueued together (the same instant) by sol. */
export function newestFirst(a: SolRun, b: SolRun): number {
  return (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || (a.sol ?? -1) - (b.sol ?? -1) || a.id.localeCompare(b.id);
}
