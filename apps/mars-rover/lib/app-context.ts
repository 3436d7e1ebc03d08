/**
 * What every route of the web app needs: the configuration, the shared Redis connection and the two
 * queues — made once per server process (again only when the configuration changes, as in tests).
 */
import type { Redis } from "ioredis";
import { readConfig, type MarsRoverConfig } from "./config";
import { appQueues, type AppQueues } from "./queues";
import { sharedRedis } from "./redis";

export interface AppContext {
  config: MarsRoverConfig;
  redis: Redis;
  queues: AppQueues;
}

let cached: { key: string; context: AppContext } | undefined;

/** The web app's context; throws `ConfigError` when an environment variable is wrong. */
export function appContext(): AppContext {
  const config = readConfig();
  const key = JSON.stringify(config);
  if (cached?.key !== key) {
    const redis = sharedRedis(config.redisUrl);
    cached = { key, context: { config, redis, queues: appQueues(redis, config) } };
  }
  return cached.context;
}
