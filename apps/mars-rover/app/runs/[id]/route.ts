/**
 * GET /runs/{id} — one run (a fetch job and its fan-out) as the gallery shows it: status, photos
 * processed so far, the summary once there is one. 202 while the sol is still being processed, 200 once
 * the summary is written (or the fetch ended without one), 404 for an unknown id.
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, failure, success } from "../../../lib/http";
import { ENDED_STATUSES } from "../../../lib/photo-jobs";
import { readRun } from "../../../lib/sol-runs";

/** Job ids: letters, digits, `-` and `_` (RQ's rule). */
const JOB_ID = /^[\w-]{1,200}$/;

export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    if (!JOB_ID.test(id)) return failure(400, "A run id is 1 to 200 letters, digits, '-' or '_'", "id");
    const { redis, queues } = appContext();
    const run = await readRun(redis, queues, id);
    if (!run) return failure(404, `There is no run with id ${id} (never enqueued here, or expired)`);
    const done = ENDED_STATUSES.has(run.status) && (run.summaryStatus === null || ENDED_STATUSES.has(run.summaryStatus));
    return success(run, done ? 200 : 202);
  } catch (error) {
    return errorResponse(error);
  }
}
