/**
 * POST /schedule/remove — remove a cron entry (field `entry_id`); the jobs it made stay. Answers with the
 * schedule as it is now; 400 when there is no such entry.
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, readBody, success } from "../../../lib/http";
import { readSchedule, removeLatest } from "../../../lib/schedule";

export async function POST(request: Request): Promise<Response> {
  try {
    const { api } = appContext().queues;
    const removed = await removeLatest(api, (await readBody(request)).entry_id);
    return success({ removed, schedule: await readSchedule(api) });
  } catch (error) {
    return errorResponse(error);
  }
}
