/**
 * What every route handler needs: the configuration, the shared Redis connection and the app's key
 * names, made once per server process (and again only when the configuration changes, as in tests).
 */
import type { Redis } from "ioredis";
import { readConfig, type ScraperConfig } from "./config";
import { scraperKeys, type ScraperKeys } from "./keys";
import { sharedRedis } from "./redis";

/** What a route handler works with. */
export interface AppContext {
  config: ScraperConfig;
  redis: Redis;
  keys: ScraperKeys;
}

let cached: { signature: string; context: AppContext } | undefined;

/** The web app's context; throws `ConfigError` when an environment variable is wrong. */
export function appContext(): AppContext {
  const config = readConfig();
  const signature = JSON.stringify(config);
  if (cached?.signature !== signature) {
    cached = { signature, context: { config, redis: sharedRedis(config.redisUrl), keys: scraperKeys(config.namespace) } };
  }
  return cached.context;
}
