/**
 * What the quickstart's scripts share: where Redis is, the queue's name and how the worker is made.
 */
import { connectRedis } from "@rqts/app-kit";
import type { Redis } from "ioredis";
import { Worker, type WorkerOptions } from "@rqts/queue";
import { tasks } from "./tasks.js";

/** The queue `npm run worker` and `npm run producer` share. The demo uses a fresh name each run. */
export const QUEUE_NAME = "quickstart";

/** Jobs one worker process runs at once. */
export const CONCURRENCY = 4;

/** `REDIS_URL`, else the standard local Redis. */
export function redisUrl(): string {
  return process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
}

export { printableUrl } from "@rqts/app-kit";

/**
 * Connects to Redis, failing at once with a readable error when nothing answers (ioredis alone would
 * keep retrying, and a script would seem to hang).
 */
export function connect(url: string = redisUrl()): Promise<Redis> {
  return connectRedis(url);
}

/** The quickstart's worker: the queue given (default `quickstart`), every task, 4 jobs at a time. */
export function createWorker(connection: Redis, queueName: string = QUEUE_NAME, options: Partial<WorkerOptions> = {}): Worker {
  return new Worker(queueName, { connection, tasks, concurrency: CONCURRENCY, ...options });
}
