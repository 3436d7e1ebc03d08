/**
 * The one shape every library is driven through, so each scenario is written once and runs the same
 * steps against rqts, BullMQ and bee-queue. An adapter owns its library's producer connection(s) for
 * one queue; a worker it starts owns its own. Jobs are no-ops that carry their sequence number, so a
 * scenario can tell which job a handler or a completion belongs to.
 */

/** The libraries compared, in the order tables print them. */
export const LIBRARIES = ["rqts", "BullMQ", "bee-queue"] as const;
export type LibraryName = (typeof LIBRARIES)[number];

/** The data of a no-op job in the libraries that carry an object (BullMQ, bee-queue). */
export interface SequencePayload {
  sequence: number;
}

/** What a handler and a completion report: the job's sequence number, given at enqueue. */
export type JobListener = (sequence: number) => void;

export interface WorkerSettings {
  /** Jobs run at once by the one worker. */
  concurrency: number;
  /** Called inside the handler, when the job starts. */
  onStart?: JobListener;
  /** Called once the library has recorded the job's success in Redis (its own "completed" event). */
  onComplete?: JobListener;
}

export interface RunningWorker {
  /** Stops the worker and closes its connections (waits for running jobs). */
  stop(): Promise<void>;
}

/** How many jobs the library itself reports in each state (its own API, not our counters). */
export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
}

export interface QueueAdapter {
  readonly library: LibraryName;
  /** The queue this adapter writes to. */
  readonly queueName: string;
  /** Adds one job and resolves once the library says it is stored. */
  enqueueOne(sequence: number): Promise<void>;
  /** Adds the jobs with one call of the library's bulk API (`enqueueMany` / `addBulk` / `saveAll`). */
  enqueueBulk(sequences: readonly number[]): Promise<void>;
  /** Starts one worker on the queue; resolves once it is ready to take jobs. */
  startWorker(settings: WorkerSettings): Promise<RunningWorker>;
  counts(): Promise<JobCounts>;
  /** Closes the producer side. */
  close(): Promise<void>;
}

/** Where the adapters connect: the bench's own redis-server. */
export interface RedisTarget {
  host: string;
  port: number;
  /** The database number (SELECT); 0 unless a scenario needs a second keyspace on the same server. */
  db?: number;
}

/** What every adapter keeps: where the bench's Redis is, and the queue it drives. */
export abstract class AdapterBase {
  abstract readonly library: LibraryName;

  constructor(
    protected readonly target: RedisTarget,
    readonly queueName: string,
  ) {}
}

/** Makes an adapter for a fresh queue. */
export type AdapterFactory = (target: RedisTarget, queueName: string) => Promise<QueueAdapter>;

/** Splits `items` into chunks of `size`, for libraries whose bulk call should not take 20,000 at once. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}
