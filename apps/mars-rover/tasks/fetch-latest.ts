/**
 * `mars-rover.fetch-latest(rover, camera)`: the photos of the rover's most recent sol, fanned out like
 * any sol's. This is what the cron entries run ("fetch the latest photos every morning").
 */
import { currentJob, defineTask } from "@rqts/queue";
import { emptyLatestResult, runFetch } from "../lib/fetch-run";
import { withRetryDecision } from "../lib/job-errors";
import { parseCamera, parseRover } from "../lib/rovers";
import { TASK_NAMES } from "../lib/task-names";
import { checkRunId, type FetchSettings } from "./fetch-settings";

/** The latest-photos task. */
export function fetchLatestTask({ client, photosQueue, retry }: FetchSettings) {
  return defineTask(TASK_NAMES.fetchLatest, async (rover: string, camera: string | null = null) => {
    const job = currentJob();
    return withRetryDecision(async () => {
      const info = parseRover(rover);
      const cameraName = parseCamera(info, camera);
      const list = await client.latestPhotos(info.name, cameraName, job.signal);
      const sol = list.photos[0]?.sol;
      if (sol === undefined) return emptyLatestResult(info.name, cameraName, list);
      return runFetch({ photosQueue, runId: checkRunId(job.id), retry }, info.name, sol, cameraName, list);
    });
  });
}
