/**
 * The whole quickstart in one process: a worker runs in the background while the producer enqueues
 * jobs and waits for them; then the worker stops warm (it finishes what it runs, starts nothing new).
 *
 * The queue gets a fresh name each run (`quickstart-<random>`), so a shared Redis with jobs from
 * earlier runs, or another worker on `quickstart`, cannot change the outcome; the run's jobs and
 * queue are deleted at the end unless `keepJobs` is set.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { produceJobs, type Log, type ProduceReport } from "./produce.js";
import { QUEUE_NAME, createWorker } from "./setup.js";

export interface DemoOptions {
  /** The queue to use. @defaultValue `quickstart-` and 8 random hex digits */
  queueName?: string;
  /** Keep the run's jobs, results and queue in Redis to inspect them. @defaultValue false */
  keepJobs?: boolean;
}

export interface DemoReport extends ProduceReport {
  queueName: string;
  workerName: string;
}

/** Runs the demo on `connection` (which stays open: it is yours), writing its lines to `log`. */
export async function runDemo(connection: Redis, log: Log, options: DemoOptions = {}): Promise<DemoReport> {
  const queueName = options.queueName ?? `${QUEUE_NAME}-${randomUUID().slice(0, 8)}`;
  const queue = new Queue(queueName, { connection });
  // The caller owns signals (Ctrl-C ends the demo); the worker's log lines join the demo's.
  const worker = createWorker(connection, queueName, { handleSignals: false, logger: { info: log, warn: log, error: log } });
  const running = worker.run();
  let report: ProduceReport | undefined;
  try {
    report = await produceJobs(queue, log);
  } finally {
    worker.stop();
    await running;
    if (!options.keepJobs) {
      const ids = [...(await queue.finished.jobIds()), ...(await queue.failed.jobIds())];
      for (const id of ids) await (await queue.fetchJob(id))?.delete();
      await queue.delete();
    }
  }
  log(report.ok ? "Every job ended as expected." : "Some jobs did not end as expected (see UNEXPECTED above).");
  return { ...report, queueName, workerName: worker.name };
}
