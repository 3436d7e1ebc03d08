/**
 * rqts through the adapter shape: a `Queue` producer on its own ioredis connection, and `Worker`s
 * running inline with the library's defaults (RQ's result TTL of 500 s, so results and the finished
 * registry are kept, as the comparison requires).
 */
import { Redis } from "ioredis";
import { Queue, Worker, currentJob, defineTask, type Task } from "@rqts/queue";
import { AdapterBase, type AdapterFactory, type JobCounts, type JobListener, type QueueAdapter, type RedisTarget, type RunningWorker, type WorkerSettings } from "./adapter.js";

const TASK_NAME = "bench.noop";

/** One no-op task per worker, so each worker reports to its own listener. */
function noopTask(onStart: JobListener | undefined, startedIds: Map<string, number> | undefined): Task<[number], null> {
  return defineTask(TASK_NAME, (sequence: number) => {
    onStart?.(sequence);
    startedIds?.set(currentJob().id, sequence);
    return null;
  });
}

function connect(target: RedisTarget): Redis {
  const redis = new Redis({ host: target.host, port: target.port, db: target.db ?? 0, maxRetriesPerRequest: null });
  redis.on("error", () => undefined); // a failed command rejects where it is awaited
  return redis;
}

/** Resolves once the worker has registered and entered its loop (it has no "ready" event). */
async function untilStarted(worker: Worker, done: Promise<void>): Promise<void> {
  let failed: unknown;
  done.catch((error: unknown) => (failed = error));
  while (worker.state === "starting") {
    if (failed) throw failed;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

class RqtsAdapter extends AdapterBase implements QueueAdapter {
  readonly library = "rqts" as const;
  private readonly connection = connect(this.target);
  private readonly queue = new Queue(this.queueName, { connection: this.connection });

  async enqueueOne(sequence: number): Promise<void> {
    await this.queue.enqueue(TASK_NAME, [sequence]);
  }

  async enqueueBulk(sequences: readonly number[]): Promise<void> {
    await this.queue.enqueueMany(sequences.map((sequence) => ({ task: TASK_NAME, args: [sequence] })));
  }

  async startWorker(settings: WorkerSettings): Promise<RunningWorker> {
    const connection = connect(this.target);
    const startedIds = settings.onComplete ? new Map<string, number>() : undefined;
    const worker = new Worker(this.queueName, {
      connection,
      tasks: [noopTask(settings.onStart, startedIds)],
      concurrency: settings.concurrency,
      handleSignals: false,
      logger: false,
    });
    const onComplete = settings.onComplete;
    if (onComplete && startedIds) {
      worker.on("job:finished", (job) => {
        const sequence = startedIds.get(job.id);
        startedIds.delete(job.id);
        if (sequence !== undefined) onComplete(sequence);
      });
    }
    const done = worker.run();
    await untilStarted(worker, done);
    return {
      async stop() {
        worker.stop();
        await done;
        connection.disconnect();
      },
    };
  }

  async counts(): Promise<JobCounts> {
    const [waiting, active, completed, failed] = await Promise.all([
      this.queue.count(),
      this.queue.started.count(),
      this.queue.finished.count(),
      this.queue.failed.count(),
    ]);
    return { waiting, active, completed, failed };
  }

  async close(): Promise<void> {
    this.connection.disconnect();
  }
}

export const rqtsAdapter: AdapterFactory = async (target, queueName) => new RqtsAdapter(target, queueName);
