/**
 * bee-queue through the adapter shape. The producer uses the settings bee-queue's README gives for
 * producers (`isWorker: false`, `getEvents: false`); workers use the defaults (successful jobs are
 * kept: `removeOnSuccess: false`).
 */
import BeeQueue from "bee-queue";
import { AdapterBase, type AdapterFactory, type JobCounts, type QueueAdapter, type RunningWorker, type SequencePayload, type WorkerSettings } from "./adapter.js";

class BeeQueueAdapter extends AdapterBase implements QueueAdapter {
  readonly library = "bee-queue" as const;
  private readonly queue = new BeeQueue<SequencePayload>(this.queueName, {
    redis: { host: this.target.host, port: this.target.port, db: this.target.db ?? 0 },
    isWorker: false,
    getEvents: false,
  });

  async ready(): Promise<this> {
    await this.queue.ready();
    return this;
  }

  async enqueueOne(sequence: number): Promise<void> {
    await this.queue.createJob({ sequence }).save();
  }

  async enqueueBulk(sequences: readonly number[]): Promise<void> {
    const errors = await this.queue.saveAll(sequences.map((sequence) => this.queue.createJob({ sequence })));
    if (errors.size > 0) throw [...errors.values()][0];
  }

  async startWorker(settings: WorkerSettings): Promise<RunningWorker> {
    const { onStart, onComplete } = settings;
    const worker = new BeeQueue<SequencePayload>(this.queueName, { redis: { host: this.target.host, port: this.target.port, db: this.target.db ?? 0 } });
    worker.on("error", () => undefined); // surfaced by the job counts the scenario checks
    if (onComplete) worker.on("succeeded", (job) => onComplete(job.data.sequence));
    await worker.ready();
    worker.process(settings.concurrency, async (job: BeeQueue.Job<SequencePayload>) => {
      onStart?.(job.data.sequence);
      return null;
    });
    return { stop: () => worker.close() };
  }

  async counts(): Promise<JobCounts> {
    const health = await this.queue.checkHealth();
    return { waiting: health.waiting, active: health.active, completed: health.succeeded, failed: health.failed };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}

export const beeQueueAdapter: AdapterFactory = (target, queueName) => new BeeQueueAdapter(target, queueName).ready();
