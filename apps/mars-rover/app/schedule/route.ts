/**
 * GET /schedule — the fetches waiting for their time and the latest-photo cron entries (lib/schedule.ts).
 */
import { appContext } from "../../lib/app-context";
import { errorResponse, success } from "../../lib/http";
import { readSchedule } from "../../lib/schedule";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    return success(await readSchedule(appContext().queues.api));
  } catch (error) {
    return errorResponse(error);
  }
}
