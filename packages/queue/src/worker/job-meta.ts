/**
 * Writes a running job's `meta` for its handler (`currentJob().saveMeta()` / `setProgress()`), inline or
 * in an isolated child alike: only the `meta` field, only while the job exists, and for progress a
 * `progress` event on rq:events:{q} in the same script.
 */
import type { Redis } from "ioredis";
import { NoSuchJobError } from "../errors.js";
import { keys } from "../keys.js";
import { saveMetaScript } from "../lua/save-meta.js";
import { runScript } from "../scripts.js";
import { encodeMeta } from "../serializer.js";
import type { ClaimedJob } from "./fetcher.js";

export async function saveRunningJobMeta(
  redis: Redis,
  job: ClaimedJob,
  meta: Record<string, unknown>,
  progress?: { value: unknown },
): Promise<void> {
  const event = progress && { event: "progress", job_id: job.id, queue: job.queue, progress: progress.value, at: Date.now() / 1000 };
  const args = event ? [encodeMeta(meta), keys.events(job.queue), JSON.stringify(event)] : [encodeMeta(meta)];
  const saved = await runScript<number>(redis, saveMetaScript, [keys.job(job.id)], args);
  if (saved !== 1) throw new NoSuchJobError(job.id);
}
