// tutorials/14-going-to-production/enqueue.ts — enqueue the lesson's jobs.
//   npx tsx tutorials/14-going-to-production/enqueue.ts invoice 41 [--steps 4] [--wait]   one invoice on "invoices"
//   npx tsx tutorials/14-going-to-production/enqueue.ts hash --jobs 4 [--wait]          CPU-heavy jobs on "archives"
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { Queue, type Job } from "@rqts/queue";
import { hashArchive, sendInvoice } from "./tasks.js";

const usage = "usage: npx tsx tutorials/14-going-to-production/enqueue.ts invoice <id> [--steps N] [--wait] | hash [--jobs N] [--wait]";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    steps: { type: "string", default: "2" },
    jobs: { type: "string", default: "1" },
    wait: { type: "boolean", default: false },
  },
});
const [kind, invoiceId] = positionals;
const steps = Number(values.steps);
const count = Number(values.jobs);
if (!Number.isInteger(steps) || steps < 1 || !Number.isInteger(count) || count < 1) {
  console.error(usage);
  process.exit(2);
}

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const jobs: Job[] = [];
if (kind === "invoice" && invoiceId) {
  // A retry policy: an invoice job that was running when its worker died is abandoned, then run again.
  jobs.push(await new Queue("invoices", { connection }).enqueue(sendInvoice, [invoiceId, steps], { retry: { max: 3 }, timeout: "5m" }));
} else if (kind === "hash") {
  const queue = new Queue("archives", { connection });
  for (let i = 1; i <= count; i++) jobs.push(await queue.enqueue(hashArchive, [`archive-${i}`, 1_000_000], { timeout: "1m" }));
} else {
  console.error(usage);
  process.exit(2);
}
for (const job of jobs) console.log(`Enqueued ${job.description} as job ${job.id}`);
if (values.wait) {
  for (const job of jobs) console.log(`Result: ${await job.waitForResult({ timeout: "60s" })}`);
}
connection.disconnect();
