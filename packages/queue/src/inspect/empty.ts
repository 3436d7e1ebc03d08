/**
 * Emptying a queue or a registry. A queue is emptied by the library's own script (`Queue.empty()`);
 * a registry a page at a time, each job deleted by the same script as `job.delete()` (its queue,
 * registries, executions, dependency sets, results and hash, in one step) and its entry removed too,
 * so entries left behind by expired jobs go as well.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError } from "../errors.js";
import { keys } from "../keys.js";
import { deleteJobScript } from "../lua/delete-job.js";
import { Queue } from "../queue.js";
import { pipeScript, scriptPipeline } from "../scripts.js";
import { checkJobListName, jobListKey, type JobListName } from "./job-lists.js";

/** Jobs deleted per pipeline while emptying a registry. */
const EMPTY_BATCH = 500;

/** Removes every queued job of `queue` (and its hash); returns how many. Registries stay. */
function emptyQueue(redis: Redis, queue: string): Promise<number> {
  return new Queue(queue, { connection: redis }).empty();
}

/**
 * Deletes every job in one of a queue's lists; returns how many entries were removed. `queued`
 * empties the queue itself. `started` is refused: running jobs are stopped, not deleted under their
 * worker's feet.
 */
export async function emptyJobList(redis: Redis, queue: string, list: JobListName): Promise<number> {
  checkJobListName(list);
  if (list === "queued") return emptyQueue(redis, queue);
  if (list === "started") {
    throw new InvalidArgumentError(`The started registry of "${queue}" holds running jobs: stop them (rqts stop <id>) instead of deleting them`);
  }
  const key = jobListKey(queue, list);
  let removed = 0;
  for (;;) {
    const ids = await redis.zrange(key, "0", String(EMPTY_BATCH - 1));
    if (ids.length === 0) return removed;
    const pipeline = scriptPipeline(redis);
    for (const id of ids) pipeScript(pipeline, deleteJobScript, [keys.job(id)], [id]);
    pipeline.zrem(key, ...ids);
    const replies = (await pipeline.exec()) ?? [];
    const failure = replies.find(([error]) => error)?.[0];
    if (failure) throw failure;
    removed += ids.length;
  }
}

