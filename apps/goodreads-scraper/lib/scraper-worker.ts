/**
 * The worker as `npm run worker` builds it (and the tests build it the same way): every host's rate
 * limit stored on its queue first, then a Worker on the exports queue and every host's page queue,
 * with the app's tasks, and the scheduler on so that retries waiting out their backoff are queued when
 * due. Only worker-side code imports this file: it loads the tasks (cheerio, node-fetch).
 */
import type { Redis } from "ioredis";
import { Worker, type WorkerOptions } from "@rqts/queue";
import type { ScraperConfig } from "./config";
import { applyRateLimits, workerQueues } from "./host-queues";
import { scraperKeys } from "./keys";
import { createTasks } from "../tasks/index";

/** A ready-to-run worker; `overrides` change any Worker option (tests: no signal handlers, no logs). */
export async function createScraperWorker(connection: Redis, config: ScraperConfig, overrides: Partial<WorkerOptions> = {}): Promise<Worker> {
  const keys = scraperKeys(config.namespace);
  await applyRateLimits(connection, config, keys);
  return new Worker(workerQueues(config, keys), {
    connection,
    tasks: createTasks({ connection, config }),
    concurrency: config.concurrency,
    withScheduler: true,
    ...overrides,
  });
}
