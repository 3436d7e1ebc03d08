/**
 * What the web routes share within one server process: the checked config, one Redis connection, the
 * queue, the SMS gateway (to list messages) and the real clock. Built on first use, so a misconfigured
 * variable is reported by the request that needs it (503, naming the variable), not by a crash at start.
 */
import { Queue } from "@rqts/queue";
import { readConfig, type IssConfig } from "./config";
import { sharedRedis } from "./redis";
import { createSmsGateway, type SmsGateway } from "./sms";
import type { SubscriptionContext } from "./subscriptions";

export interface AppContext extends SubscriptionContext {
  config: IssConfig;
  sms: SmsGateway;
}

const cache = globalThis as typeof globalThis & { issNotifierContext?: Promise<AppContext> };

export function appContext(): Promise<AppContext> {
  cache.issNotifierContext ??= build().catch((error: unknown) => {
    cache.issNotifierContext = undefined; // try again on the next request
    throw error;
  });
  return cache.issNotifierContext;
}

async function build(): Promise<AppContext> {
  const config = readConfig();
  const redis = sharedRedis(config.redisUrl);
  return { config, redis, queue: new Queue(config.queueName, { connection: redis }), now: () => new Date(), sms: await createSmsGateway(config) };
}
