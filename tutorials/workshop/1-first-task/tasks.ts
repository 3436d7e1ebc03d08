// tutorials/workshop/1-first-task/tasks.ts — exercise 1: your first task, run through a worker.
// Check your work: npm run workshop -w @rqts/tutorials -- 1
import type { Redis } from "ioredis";
import { defineTask } from "@rqts/queue";

// TODO 1: make slugify return the URL slug of a title: lower case, every run of characters other than
// a–z and 0–9 becomes one "-", and no "-" at either end ("Hello, World!" → "hello-world").
export const slugify = defineTask("workshop.slugify", (title: string): string => {
  throw new Error(`TODO 1: slugify("${title}") is not written yet`);
});

// TODO 2: enqueue slugify(title) on a Queue named "workshop" (with this connection), run a Worker on that
// queue in burst mode until it is empty, and return the job's result. Never call slugify directly here.
export async function slugifyThroughWorker(connection: Redis, title: string): Promise<string> {
  void connection; // remove this line once TODO 2 uses the connection
  throw new Error(`TODO 2: slugifyThroughWorker(connection, "${title}") is not written yet`);
}
