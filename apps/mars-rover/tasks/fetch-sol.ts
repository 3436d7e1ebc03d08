/**
 * `mars-rover.fetch-sol(rover, sol, camera)`: the original tutorial's `get_mars_photo(sol)` — ask NASA
 * for a sol's photos and pick one at random — grown into a fan-out: it enqueues a photo job per photo
 * and a summary job that waits for them (lib/fan-out.ts), and returns at once.
 */
import { currentJob, defineTask } from "@rqts/queue";
import { runFetch } from "../lib/fetch-run";
import { withRetryDecision } from "../lib/job-errors";
import { parseCamera, parseRover, parseSol } from "../lib/rovers";
import { TASK_NAMES } from "../lib/task-names";
import { checkRunId, type FetchSettings } from "./fetch-settings";

// #region fetch-sol
/** The fetch task: one API call, then the fan-out. */
export function fetchSolTask({ client, photosQueue, retry }: FetchSettings) {
  return defineTask(TASK_NAMES.fetchSol, async (rover: string, sol: number, camera: string | null = null) => {
    const job = currentJob();
    return withRetryDecision(async () => {
      // A job may come from any producer: check its arguments as the CLI and the web form do.
      const info = parseRover(rover);
      const day = parseSol(sol);
      const cameraName = parseCamera(info, camera);
      const list = await client.photosOfSol(info.name, day, cameraName, job.signal); // 429, 5xx: retried with backoff
      return runFetch({ photosQueue, runId: checkRunId(job.id), retry }, info.name, day, cameraName, list);
    });
  });
}
// #endregion fetch-sol
