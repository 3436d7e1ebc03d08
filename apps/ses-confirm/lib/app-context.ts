/**
 * The web app's per-process state: settings, the users table, one Redis connection and the queue,
 * made on first use and kept on globalThis (so `next dev`'s reloads reuse them instead of leaking).
 */
import { sharedRedis } from "@rqts/app-kit";
import { Queue } from "@rqts/queue";
import { readWebConfig, type WebConfig } from "./config";
import { UserStore } from "./users";

/** What routes use. */
export interface AppContext {
  config: WebConfig;
  users: UserStore;
  queue: Queue;
}

const holder = globalThis as typeof globalThis & { sesConfirmContext?: AppContext };

/** The context, created on first call. Throws `ConfigError` when a setting is unusable. */
export function appContext(): AppContext {
  if (!holder.sesConfirmContext) {
    const config = readWebConfig();
    const connection = sharedRedis("ses-confirm", config.redisUrl); // errors logged as "ses-confirm: …"
    holder.sesConfirmContext = { config, users: new UserStore(config.databasePath), queue: new Queue(config.queueName, { connection }) };
  }
  return holder.sesConfirmContext;
}
