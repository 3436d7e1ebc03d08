// tutorials/workshop/3-fan-out/given.ts — given to you for exercise 3: do not change it.
import { Redis } from "ioredis";
import { defineTask } from "@rqts/queue";

/** Counts the words of one text: the work each part job does. */
export const countWords = defineTask("workshop.count-words", (text: string) => text.split(/\s+/).filter(Boolean).length);

let connection: Redis | undefined;
/** A connection for tasks that read other jobs, opened on first use from REDIS_URL (one per process). */
export function redis(): Redis {
  connection ??= new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return connection;
}
