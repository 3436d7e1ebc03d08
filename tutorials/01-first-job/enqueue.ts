// tutorials/01-first-job/enqueue.ts — enqueue count_words_at_url(URL) on the "default" queue.
//   npx tsx tutorials/01-first-job/enqueue.ts URL                   enqueue one job, print its status, exit
//   npx tsx tutorials/01-first-job/enqueue.ts --wait --jobs 4 URL   enqueue 4 jobs, wait for their results
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { countWordsAtUrl } from "./tasks.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { wait: { type: "boolean", default: false }, jobs: { type: "string", default: "1" } },
});
const url = positionals[0];
const count = Number(values.jobs);
if (!url || !Number.isInteger(count) || count < 1) {
  console.error("usage: npx tsx tutorials/01-first-job/enqueue.ts [--wait] [--jobs N] URL");
  process.exit(2);
}

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("default", { connection });

const start = performance.now();
const jobs = [];
for (let i = 0; i < count; i++) jobs.push(await queue.enqueue(countWordsAtUrl, [url]));
const elapsed = () => `${Math.round(performance.now() - start)} ms`;

for (const job of jobs) console.log(`Enqueued ${job.description} as job ${job.id}`);
console.log(`Enqueueing took ${elapsed()}; status now: ${await jobs[0]!.getStatus()}`);

if (values.wait) {
  // waitForResult blocks on the job's result stream until a worker has run it (or 30 s have passed);
  // it rejects with the job's error when the job failed.
  const outcomes = await Promise.allSettled(jobs.map((job) => job.waitForResult({ timeout: "30s" })));
  for (const outcome of outcomes) if (outcome.status === "rejected") console.log((outcome.reason as Error).message);
  const words = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
  if (words.length) console.log(`Results: ${words.join(", ")} words, ${elapsed()} after enqueueing`);
}
connection.disconnect();
