/**
 * `npm run worker`: the mars-rover worker. One process, two rqts workers sharing its Redis connection:
 * - on `{prefix}-api`: the fetch jobs (NASA API calls), under the queue's rate limit, which it sets
 *   from MARS_ROVER_API_RATE_LIMIT as it starts (stored in Redis: every worker obeys it);
 * - on `{prefix}-photos`: photo downloads and per-sol summaries.
 * Both run the scheduler (withScheduler), which queues `--in`/`--at` fetches, cron entries and retries
 * when they are due. Ctrl-C once: running jobs finish; twice: they stop at once.
 */
import { Worker } from "@rqts/queue";
import { describeRateLimit, readConfig } from "./lib/config";
import { applyRateLimit, appQueues } from "./lib/queues";
import { connectRedis, printableUrl } from "./lib/redis";
import { failedLine, finishedLine, retryingLine } from "./lib/worker-log";
import { createTasks } from "./tasks/index";

try {
  const config = readConfig();
  const connection = await connectRedis(config.redisUrl);
  try {
    const queues = appQueues(connection, config);
    const limit = config.apiRateLimit;
    await applyRateLimit(queues.api, limit);
    const tasks = createTasks({ connection, config });
    const workers = [
      new Worker(queues.api.name, { connection, tasks, concurrency: config.apiConcurrency, withScheduler: true }),
      new Worker(queues.photos.name, { connection, tasks, concurrency: config.photoConcurrency, withScheduler: true }),
    ];
    console.log(`mars-rover worker: Redis ${printableUrl(config.redisUrl)}, NASA API at ${config.nasaUrl} (${describeRateLimit(limit)})`);
    for (const worker of workers) printOutcomes(worker);
    // If one cannot run (say, Redis went away for good), stop the other too rather than half-serve.
    const stopAll = () => workers.forEach((worker) => worker.stop());
    const runUntilStopped = async (worker: Worker) => {
      try {
        await worker.run();
      } catch (error) {
        stopAll();
        throw error;
      }
    };
    await Promise.all(workers.map(runUntilStopped));
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`mars-rover worker: ${(error as Error).message}`);
  process.exitCode = 1;
}

/** One line per fetched sol, summary, retry and failure (lib/worker-log.ts). */
function printOutcomes(worker: Worker): void {
  worker.on("job:finished", (job, value) => {
    const line = finishedLine(job.id, value);
    if (line) console.log(line);
  });
  worker.on("job:retrying", (job, error) => console.log(retryingLine(job.id, job.fields.description, error)));
  worker.on("job:failed", (job, error) => console.log(failedLine(job.id, job.fields.description, error)));
}
