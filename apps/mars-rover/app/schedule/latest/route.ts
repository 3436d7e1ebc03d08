/**
 * POST /schedule/latest — fetch a rover's latest photos on a cron pattern (fields `rover`, `camera`,
 * `pattern`, `timezone`): registers the cron entry `latest-{rover}[-{camera}]`, or updates it. 201 with
 * the entry and the schedule; 400 for an unknown rover or camera, a bad pattern or time zone.
 */
import { appContext } from "../../../lib/app-context";
import { errorResponse, readBody, success } from "../../../lib/http";
import { readSchedule, scheduleLatest } from "../../../lib/schedule";

export async function POST(request: Request): Promise<Response> {
  try {
    const { config, queues } = appContext();
    const { rover, camera, pattern, timezone } = await readBody(request);
    const entry = await scheduleLatest(queues.api, { rover, camera, pattern, timezone }, config);
    return success({ entry, schedule: await readSchedule(queues.api) }, 201);
  } catch (error) {
    return errorResponse(error);
  }
}
