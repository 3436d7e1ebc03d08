/**
 * `npm run worker`: the goodreads-scraper worker. It listens on the exports queue and on one page queue
 * per allowed site, stores each site's rate limit on its queue, and runs the app's tasks with the
 * settings of lib/config.ts until Ctrl-C (once: finish running jobs; twice: at once). The scheduler
 * runs inside it, so retries that wait (backoff) are queued when due.
 */
import { readConfig, sitesVariable } from "./lib/config";
import { ConfigError } from "./lib/errors";
import { describeRateLimit } from "./lib/host-queues";
import { connectRedis, printableUrl } from "./lib/redis";
import { createScraperWorker } from "./lib/scraper-worker";

try {
  const config = readConfig();
  if (config.allowedOrigins.length === 0) {
    throw new ConfigError(sitesVariable(config.mode), "names no site, so there is nothing to scrape: set it to the site(s) the worker may fetch");
  }
  const connection = await connectRedis(config.redisUrl);
  try {
    const worker = await createScraperWorker(connection, config);
    console.log(
      `goodreads-scraper worker: Redis ${printableUrl(config.redisUrl)}, ${config.mode} mode, sites ${config.allowedOrigins.join(", ")}, ` +
        `${describeRateLimit(config.rateLimit)}, user agent "${config.userAgent}"`,
    );
    // One line per outcome, so the terminal tells the story the page shows.
    worker.on("job:finished", (job, value) => console.log(`${job.fields.description || job.id} finished: ${JSON.stringify(value)}`));
    worker.on("job:retrying", (job, error) => console.log(`${job.fields.description || job.id} will be retried: ${error.message}`));
    worker.on("job:failed", (job, error) => console.log(`${job.fields.description || job.id} failed: ${error.name}: ${error.message}`));
    await worker.run();
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`goodreads-scraper worker: ${(error as Error).message}`);
  process.exitCode = 1;
}
