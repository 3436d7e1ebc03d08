// examples/connect.ts — shared by the examples: a connection to REDIS_URL and a fresh queue name per run.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");

/** A queue name of its own, so examples never mix with other jobs on a shared Redis. */
export const queueName = (topic: string) => `example-${topic}-${randomUUID().slice(0, 8)}`;
