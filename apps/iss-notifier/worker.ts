/**
 * `npm run worker`: the iss-notifier worker with its scheduler. It sends the welcome and "look up" SMS,
 * queues each scheduled pass job at its rise time, and registers the daily TLE refresh (registering
 * the same cron entry at every start keeps one entry). Stops warm on Ctrl-C.
 */
import { Queue, Worker } from "@rqts/queue";
import { readConfig } from "./lib/config";
import { connectRedis, printableUrl } from "./lib/redis";
import { createSmsGateway } from "./lib/sms";
import { TASK_NAMES } from "./lib/task-names";
import { createTasks } from "./tasks/index";
import { TLE_REFRESH_CRON } from "./tasks/refresh-tle";

try {
  const config = readConfig();
  const redis = await connectRedis(config.redisUrl);
  const queue = new Queue(config.queueName, { connection: redis });
  const tasks = createTasks({ redis, queue, now: () => new Date(), sms: await createSmsGateway(config), tleUrl: config.tleUrl });
  await queue.cron(TLE_REFRESH_CRON, TASK_NAMES.refreshTle, []);
  console.log(`iss-notifier worker on ${printableUrl(config.redisUrl)}, queue "${config.queueName}", ${config.mode} mode`);
  await new Worker(config.queueName, { connection: redis, tasks, withScheduler: true }).run();
  redis.disconnect();
} catch (error) {
  console.error(`iss-notifier worker: ${(error as Error).message}`);
  process.exit(1);
}
