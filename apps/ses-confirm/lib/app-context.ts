/**
 * The web app's per-process state: settings, the users table, one Redis connection and the queue,
 * made on first use and kept on globalThis (so `next dev`'s reloads reuse them instead of leaking).
 */
import { Redis } from "ioredis";
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
    const connection = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
    connection.on("error", (error: Error) => console.error(`ses-confirm: Redis: ${error.message}`));
    holder.sesConfirmContext = { config, users: new UserStore(config.databasePath), queue: new Queue(config.queueName, { connection }) };
  }
  return holder.sesConfirmContext;
}
