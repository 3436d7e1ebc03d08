/**
 * BullMQ through the adapter shape, with the library's defaults: completed jobs are kept (no
 * `removeOnComplete`), one `Queue` producer, a `Worker` with `concurrency`.
 */
import { Queue, Worker } from "bullmq";
import { AdapterBase, type AdapterFactory, type JobCounts, type QueueAdapter, type RunningWorker, type SequencePayload, type WorkerSettings } from "./adapter.js";

const JOB_NAME = "noop";

class BullmqAdapter extends AdapterBase implements QueueAdapter {
  readonly library = "BullMQ" as const;
  private readonly queue = new Queue<SequencePayload>(this.queueName, { connection: { host: this.target.host, port: this.target.port, db: this.target.db ?? 0 } });

  async ready(): Promise<this> {
    await this.queue.waitUntilReady();
    return this;
  }

  async enqueueOne(sequence: number): Promise<void> {
    await this.queue.add(JOB_NAME, { sequence });
  }

  async enqueueBulk(sequences: readonly number[]): Promise<void> {
    await this.queue.addBulk(sequences.map((sequence) => ({ name: JOB_NAME, data: { sequence } })));
  }

  async startWorker(settings: WorkerSettings): Promise<RunningWorker> {
    const { onStart, onComplete } = settings;
    const worker = new Worker<SequencePayload>(
      this.queueName,
      async (job) => {
        onStart?.(job.data.sequence);
        return null;
      },
      { connection: { host: this.target.host, port: this.target.port, db: this.target.db ?? 0 }, concurrency: settings.concurrency },
    );
    worker.on("error", () => undefined); // surfaced by the job counts the scenario checks
    if (onComplete) worker.on("completed", (job) => onComplete(job.data.sequence));
    await worker.waitUntilReady();
    return { stop: () => worker.close() };
  }

  async counts(): Promise<JobCounts> {
    const counts = await this.queue.getJobCounts("waiting", "active", "completed", "failed");
    return { waiting: counts.waiting ?? 0, active: counts.active ?? 0, completed: counts.completed ?? 0, failed: counts.failed ?? 0 };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export const bullmqAdapter: AdapterFactory = (target, queueName) => new BullmqAdapter(target, queueName).ready();
