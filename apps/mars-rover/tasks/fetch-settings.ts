/**
 * What the two fetch tasks share: the NASA client, the queue they fan out to, the retry policy of the
 * jobs they make, and the rule that a run's id has no `_` (its jobs are named after it: lib/job-ids.ts).
 */
import type { Queue, RetryOptions } from "@rqts/queue";
import { InvalidInputError } from "../lib/errors";
import type { NasaClient } from "../lib/nasa-client";

export interface FetchSettings {
  client: NasaClient;
  photosQueue: Queue;
  retry: RetryOptions | undefined;
}

/** The job id, when it can name a run; else `InvalidInputError` (the job then fails without retries). */
export function checkRunId(jobId: string): string {
  if (jobId.includes("_")) {
    throw new InvalidInputError("jobId", `a fetch job's id names its photo jobs and may not contain "_"; got "${jobId}"`);
  }
  return jobId;
}
