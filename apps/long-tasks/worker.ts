/**
 * `npm run worker`: the long-tasks worker. It runs the app's tasks from the queue `long-tasks`, four at
 * a time, with the settings of lib/config.ts, until Ctrl-C (once: finish running jobs; twice: at once).
 */
import { Worker } from "@rqts/queue";
import { readConfig } from "./lib/config";
import { connectRedis, printableUrl } from "./lib/redis";
import { urlPolicy } from "./lib/url-policy";
import { createTasks } from "./tasks/index";

try {
  const config = readConfig();
  const connection = await connectRedis(config.redisUrl);
  try {
    const tasks = createTasks({ connection, unitMs: config.unitMs, policy: urlPolicy(config) });
    const worker = new Worker(config.queueName, { connection, tasks, concurrency: config.concurrency });
    const pages = config.mode === "demo" ? `pages from ${config.pagesUrl ?? "nowhere (LONG_TASKS_PAGES_URL is not set)"}` : "pages from the web";
    console.log(`long-tasks worker: Redis ${printableUrl(config.redisUrl)}, ${config.mode} mode (${pages}), step ${config.unitMs} ms`);
    // One line per outcome, so the terminal shows what the page shows.
    worker.on("job:finished", (job, value) => console.log(`job ${job.id} ${job.fields.description} finished: ${JSON.stringify(value)}`));
    worker.on("job:failed", (job, error) => console.log(`job ${job.id} ${job.fields.description} failed: ${error.message}`));
    await worker.run();
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`long-tasks worker: ${(error as Error).message}`);
  process.exitCode = 1;
}
