// tutorials/workshop/1-first-task/solution/tasks.ts — exercise 1, solved.
import type { Redis } from "ioredis";
import { Queue, Worker, defineTask } from "@rqts/queue";

export const slugify = defineTask("workshop.slugify", (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, ""),
);

export async function slugifyThroughWorker(connection: Redis, title: string): Promise<string> {
  const job = await new Queue("workshop", { connection }).enqueue(slugify, [title]);
  // Burst: the worker stops once the queue is empty, so awaiting run() means the job is done.
  await new Worker("workshop", { connection, tasks: [slugify], logger: false }).run({ burst: true });
  const result = await job.returnValue();
  if (result === null) throw new Error(`job ${job.id} has no result: ${await job.getStatus()}`);
  return result;
}
