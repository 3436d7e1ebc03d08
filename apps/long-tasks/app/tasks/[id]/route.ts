/**
 * GET /tasks/{id} — a job's status, progress and result. 202 while it is pending (queued, started,
 * deferred, scheduled), 200 once it ended, 404 for an unknown id: the polling contract of both originals.
 * A finished word count also carries the saved count its result points to (`word_count`).
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, failure, success } from "../../../lib/http";
import { ENDED_STATUSES, readTask } from "../../../lib/task-view";

/** Job ids are RQ's 32 hex digits, or ids a producer chose: letters, digits, `-`, `_`, `.` and `:`. */
const JOB_ID = /^[\w.:-]{1,128}$/;

// #region get-task
export async function GET(_request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const { id } = await context.params;
    if (!JOB_ID.test(id)) return failure(400, "A task id is 1 to 128 letters, digits, '-', '_', '.' or ':'", "id");
    const { redis, queue } = appContext();
    const task = await readTask(redis, queue.name, id);
    if (!task) return failure(404, `There is no task with id ${id} (never enqueued here, or its result expired)`);
    return success(task, ENDED_STATUSES.has(task.task_status) ? 200 : 202);
  } catch (error) {
    return errorResponse(error);
  }
}
// #endregion get-task
