/**
 * Inspector: the read/admin API that the `rqts` CLI and dashboards use, so that neither knows a Redis
 * key. It is never on a worker's hot path.
 *
 * Reads (`queues`, `workers`, `job`, `jobs`, `isSuspended`) never write: unlike Python's `rq info`,
 * they run no clean-up as a side effect. Writes are explicit actions, each through the library's own
 * transitions (the same Lua scripts as `Job` and `Queue`), and `clean()` runs worker maintenance
 * only when asked.
 */
import type { Redis } from "ioredis";
import { InvalidArgumentError, NoSuchJobError, NoSuchQueueError } from "../errors.js";
import { Job } from "../job.js";
import { isSuspended, resumeWorkers, suspendWorkers } from "../suspension.js";
import type { Duration } from "../duration.js";
import { clean, type CleanReport } from "./clean.js";
import { emptyJobList } from "./empty.js";
import { listJobs, type JobListName, type JobPage, type ListJobsOptions } from "./job-lists.js";
import { viewJob, type JobView } from "./job-view.js";
import { isKnownQueue, queueNames, queueSummaries, type QueueSummary } from "./queues.js";
import { requeueFailed, requeueJobs, type RequeueOptions, type RequeueReport } from "./requeue.js";
import { listWorkers, type WorkerList } from "./workers.js";

export class Inspector {
  /** `connection` is yours: the inspector never closes it. */
  constructor(readonly connection: Redis) {
    if (!connection) throw new InvalidArgumentError("new Inspector(connection): pass an ioredis connection");
  }

  /** Names of the queues in `rq:queues`, sorted. */
  queueNames(): Promise<string[]> {
    return queueNames(this.connection);
  }

  /**
   * Per-list counts of the given queues (default: every queue in `rq:queues`), in one round trip.
   * Throws `NoSuchQueueError` for a named queue that has nothing at all.
   */
  async queues(names?: readonly string[]): Promise<QueueSummary[]> {
    const summaries = await queueSummaries(this.connection, names);
    if (names) {
      const unknown = summaries.find((summary) => !isKnownQueue(summary));
      if (unknown) throw new NoSuchQueueError(unknown.name, await this.queueNames());
    }
    return summaries;
  }

  /** Registered workers (of one queue when given), and how many set entries are stale. */
  workers(options: { queue?: string } = {}): Promise<WorkerList> {
    return listWorkers(this.connection, options);
  }

  /** Everything about one job; throws `NoSuchJobError` when it does not exist. */
  async job(id: string): Promise<JobView> {
    const view = await viewJob(this.connection, id);
    if (!view) throw new NoSuchJobError(id);
    return view;
  }

  /** A page of a queue's waiting list (`queued`) or of one of its registries. */
  jobs(queue: string, list: JobListName, options: ListJobsOptions = {}): Promise<JobPage> {
    return listJobs(this.connection, queue, list, options);
  }

  /** Whether workers are suspended (`rq:suspended` exists). */
  isSuspended(): Promise<boolean> {
    return isSuspended(this.connection);
  }

  /**
   * Puts one failed or stopped job back on its queue. Throws `NoSuchJobError`, or
   * `InvalidJobOperationError` when the job is in another state.
   */
  async requeueJob(id: string, options: { atFront?: boolean } = {}): Promise<void> {
    await (await Job.fetch(this.connection, id)).requeue(options);
  }

  /**
   * Puts failed or stopped jobs back on their queues, by id, in batches. Unknown ids (and, with
   * `queue`, jobs of other queues) are reported as skipped, not thrown.
   */
  requeueJobs(ids: readonly string[], options: RequeueOptions & { queue?: string } = {}): Promise<RequeueReport> {
    return requeueJobs(this.connection, ids, options);
  }

  /** Requeues every failed job of the given queues (default: all), in batches, reporting progress. */
  async requeueFailed(options: RequeueOptions & { queues?: readonly string[] } = {}): Promise<RequeueReport> {
    if (options.queues) await this.queues(options.queues);
    return requeueFailed(this.connection, options.queues, options);
  }

  /** Deletes a job everywhere (queue, registries, results, hash); throws `NoSuchJobError` when it does not exist. */
  async deleteJob(id: string): Promise<void> {
    await (await Job.fetch(this.connection, id)).delete();
  }

  /** Cancels a queued, deferred or scheduled job (see `Job.cancel`). */
  async cancelJob(id: string): Promise<void> {
    await (await Job.fetch(this.connection, id)).cancel();
  }

  /**
   * Asks the worker running a job to stop it (see `Job.stop`). Resolves with how many workers heard
   * the command: 0 means its worker is gone.
   */
  async stopJob(id: string): Promise<number> {
    return (await Job.fetch(this.connection, id)).stop();
  }

  /**
   * Deletes every job of a queue's list: `queued` empties the queue, a registry name empties that
   * registry (`started` is refused). Returns how many jobs were removed; throws `NoSuchQueueError`
   * for an unknown queue.
   */
  async empty(queue: string, list: JobListName = "queued"): Promise<number> {
    await this.queues([queue]);
    return emptyJobList(this.connection, queue, list);
  }

  /** Suspends every worker on this Redis (for `duration` when given). */
  suspend(options: { duration?: Duration } = {}): Promise<void> {
    return suspendWorkers(this.connection, options);
  }

  /** Lets suspended workers take jobs again. */
  resume(): Promise<void> {
    return resumeWorkers(this.connection);
  }

  /**
   * Runs worker maintenance now on the given queues (default: all): expired entries, abandoned jobs,
   * stuck intermediate ids, dead workers. The only clean-up the inspector ever does.
   */
  async clean(queues?: readonly string[]): Promise<CleanReport[]> {
    if (queues) await this.queues(queues);
    return clean(this.connection, queues);
  }
}
