/**
 * The app's task names: what Redis stores in each job (never code). The CLI and the web app enqueue by
 * these names and never load the tasks themselves; only the worker does (tasks/index.ts).
 */
export const TASK_NAMES = {
  /** `(rover, sol, camera | null)` → `FetchResult`: one API call, then the fan-out. */
  fetchSol: "mars-rover.fetch-sol",
  /** `(rover, camera | null)` → `FetchResult` of the rover's latest sol (what the cron entries run). */
  fetchLatest: "mars-rover.fetch-latest",
  /** `(PhotoTask)` → `PhotoInfo`: download one photo, measure it, hash it. */
  processPhoto: "mars-rover.process-photo",
  /** `(SummaryTask)` → `SolSummary`: runs once every photo job of a sol has ended, writes the summary. */
  summarizeSol: "mars-rover.summarize-sol",
} as const;

/** The tasks that call NASA's API: they go to the rate-limited `{prefix}-api` queue. */
export const FETCH_TASKS: ReadonlySet<string> = new Set([TASK_NAMES.fetchSol, TASK_NAMES.fetchLatest]);
