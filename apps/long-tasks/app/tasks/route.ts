/**
 * POST /tasks — enqueue a short, medium, long or failing task (form or JSON field `type`) and answer
 * 202 with its id at once, as the testdriven app: `{ "status": "success", "data": { "task_id": … } }`.
 */
import { appContext } from "../../lib/app-context";
import { enqueueTask } from "../../lib/enqueue";
import { errorResponse, readFields, success } from "../../lib/http";
import { parseTaskType } from "../../lib/task-catalog";

// #region post-tasks
export async function POST(request: Request): Promise<Response> {
  try {
    const { config, queue } = appContext();
    const type = parseTaskType((await readFields(request)).type); // 400 unless short, medium, long or fail
    const job = await enqueueTask(queue, type, config.unitMs);
    return success({ task_id: job.id }, 202); // 202 Accepted: the work happens later, in the worker
  } catch (error) {
    return errorResponse(error);
  }
}
// #endregion post-tasks
