/**
 * POST /schedule/cancel — cancel a scheduled fetch (field `job_id`); answers with the schedule as it is
 * now and the canceled run's card. 400 when no fetch with that id is waiting for its time.
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, readBody, success } from "../../../lib/http";
import { cancelScheduledFetch, readSchedule } from "../../../lib/schedule";
import { readRun } from "../../../lib/sol-runs";

export async function POST(request: Request): Promise<Response> {
  try {
    const { redis, queues } = appContext();
    const canceled = await cancelScheduledFetch(queues.api, (await readBody(request)).job_id);
    // Canceling publishes no job event: the page gets the card from this answer.
    return success({ canceled, run: await readRun(redis, queues, canceled), schedule: await readSchedule(queues.api) });
  } catch (error) {
    return errorResponse(error);
  }
}
