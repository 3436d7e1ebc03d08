/**
 * POST /fetches — enqueue one fetch job per sol (JSON or form fields `rover`, `camera`, `sols`, and
 * `in` or `at` to schedule them) and answer 202 at once with the new runs, as the page shows them.
 * Every field is checked first (lib/fetch-request.ts): 400 names the field and what it accepts.
 */
import { appContext } from "../../lib/app-context";
import { enqueueFetches } from "../../lib/enqueue-fetch";
import { parseFetchRequest } from "../../lib/fetch-request";
import { errorResponse, readBody, success } from "../../lib/http";
import { readRun, type SolRun } from "../../lib/sol-runs";

export async function POST(request: Request): Promise<Response> {
  try {
    const { config, redis, queues } = appContext();
    const fetch = parseFetchRequest(await readBody(request));
    const jobs = await enqueueFetches(queues.api, fetch, config);
    const runs = await Promise.all(jobs.map((job) => readRun(redis, queues, job.id)));
    return success({ job_ids: jobs.map((job) => job.id), runs: runs.filter((run): run is SolRun => run !== null) }, 202);
  } catch (error) {
    return errorResponse(error);
  }
}
