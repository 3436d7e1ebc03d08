// tutorials/04-workers-queues-and-priorities/enqueue.ts — put report jobs on the low, default and high queues.
//   npx tsx tutorials/04-workers-queues-and-priorities/enqueue.ts                     2 quick jobs on each queue
//   npx tsx tutorials/04-workers-queues-and-priorities/enqueue.ts --jobs 6 --ms 1000 --wait default
//                                             6 one-second jobs on default; wait for all and print how long it took
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { renderReport } from "./tasks.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    jobs: { type: "string", default: "2" },
    ms: { type: "string", default: "100" },
    wait: { type: "boolean", default: false },
  },
});
const queueNames = positionals.length ? positionals : ["low", "default", "high"];
const count = Number(values.jobs);
const ms = Number(values.ms);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(ms) || ms < 0) {
  console.error("usage: npx tsx tutorials/04-workers-queues-and-priorities/enqueue.ts [--jobs N] [--ms MS] [--wait] [queue…]");
  process.exit(2);
}

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const start = performance.now();
const jobs = [];
// Low first, high last: the order they are enqueued in does not decide the order they run in.
for (const name of queueNames) {
  const queue = new Queue(name, { connection });
  for (let i = 1; i <= count; i++) jobs.push(await queue.enqueue(renderReport, [`${name} report ${i}`, ms]));
  console.log(`Enqueued ${count} job(s) on ${name}`);
}

if (values.wait) {
  await Promise.all(jobs.map((job) => job.waitForResult({ timeout: "60s" })));
  const seconds = (performance.now() - start) / 1000;
  console.log(`${jobs.length} jobs of ${ms} ms done in ${seconds.toFixed(1)} s`);
}
connection.disconnect();
