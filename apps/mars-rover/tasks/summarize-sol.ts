/**
 * `mars-rover.summarize-sol(summaryTask)`: runs once every photo job of a sol has ended. It depends on
 * them all, so its own job lists them (`dependencyIds`, RQ's `fetch_dependencies()`): it reads their
 * outcomes, adds them up (lib/summary.ts), saves the sol's summary under the app's own key
 * (lib/summary-store.ts) and returns it.
 */
import type { Redis } from "ioredis";
import { currentJob, defineTask, Job } from "@rqts/queue";
import { InvalidInputError } from "../lib/errors";
import type { SummaryTask } from "../lib/fan-out";
import { readPhotoJob } from "../lib/photo-jobs";
import { summarize, type PhotoOutcome, type SolSummary } from "../lib/summary";
import { saveSummary } from "../lib/summary-store";
import { TASK_NAMES } from "../lib/task-names";
import { withRetryDecision } from "../lib/job-errors";

// #region summarize-sol
/** The summary task. */
export function summarizeSolTask(connection: Redis) {
  return defineTask(TASK_NAMES.summarizeSol, async (input: SummaryTask): Promise<SolSummary> =>
    withRetryDecision(async () => {
      const { runId, rover, sol, camera, earthDate } = checkInput(input);
      const { dependencyIds } = await Job.fetch(connection, currentJob().id);
      const outcomes = await Promise.all(dependencyIds.map((id) => readPhotoJob(connection, id)));
      // Released only once every photo job ended; a pending one means a producer broke that rule.
      const settled = outcomes.map((o): PhotoOutcome => (o.ok === null ? { jobId: o.jobId, ok: false, error: `still ${o.status} when the summary ran` } : o));
      const summary = summarize(runId, { rover, sol, camera, earthDate }, settled);
      await saveSummary(connection, summary);
      return summary;
    }),
  );
}
// #endregion summarize-sol

function checkInput(input: unknown): SummaryTask {
  const task = (input ?? {}) as Partial<SummaryTask>;
  const valid =
    typeof task.runId === "string" &&
    typeof task.rover === "string" &&
    /^[a-z]{1,20}$/.test(task.rover) &&
    Number.isSafeInteger(task.sol) &&
    (task.camera === null || typeof task.camera === "string") &&
    (task.earthDate === null || typeof task.earthDate === "string");
  if (!valid) throw new InvalidInputError("summary", `the argument must be { runId, rover, sol, camera, earthDate }; got ${JSON.stringify(input)?.slice(0, 120)}`);
  return task as SummaryTask;
}
