/**
 * What every route handler of the web app needs: the configuration, the shared Redis connection and
 * the queue, made once per server process (again only if the configuration changes, as in tests).
 */
import type { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { readConfig, type LongTasksConfig } from "./config";
import { sharedRedis } from "./redis";

export interface AppContext {
  config: LongTasksConfig;
  redis: Redis;
  queue: Queue;
}

let cached: { key: string; context: AppContext } | undefined;

/** The web app's context; throws `ConfigError` when an environment variable is wrong. */
export function appContext(): AppContext {
  const config = readConfig();
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    const redis = sharedRedis(config.redisUrl);
    cached = { key, context: { config, redis, queue: new Queue(config.queueName, { connection: redis }) } };
  }
  return cached.context;
}
