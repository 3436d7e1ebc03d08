// tutorials/05-retries-failures-and-timeouts/enqueue.ts — enqueue one of the lesson's failing jobs on "shop".
//   npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts retry       a quote retried with backoff: 1 s, then 2 s
//   npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts give-up     a quote with one retry only: it fails
//   npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts bad-card    an UnrecoverableError: no retry is used
//   npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts timeout     a 10 s export with a 1 s timeout
//   npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts stubborn    the same, with a task that ignores it
import { Redis } from "ioredis";
import { Queue, type Job } from "@rqts/queue";
import { buildExport, chargeCard, ignoreTimeout, quoteShipping } from "./tasks.js";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("shop", { connection });

const scenarios: Record<string, () => Promise<Job>> = {
  retry: () =>
    queue.enqueue(quoteShipping, ["order-1001"], {
      retry: { max: 3, backoff: { type: "exponential", delay: "1s", maxDelay: "10s" } },
    }),
  "give-up": () => queue.enqueue(quoteShipping, ["order-1002"], { retry: { max: 1 } }),
  "bad-card": () => queue.enqueue(chargeCard, ["1234", 990], { retry: { max: 5 } }),
  timeout: () => queue.enqueue(buildExport, [10], { timeout: "1s" }),
  stubborn: () => queue.enqueue(ignoreTimeout, [3], { timeout: "1s" }),
};

const scenario = scenarios[process.argv[2] ?? ""];
if (!scenario) {
  console.error(`usage: npx tsx tutorials/05-retries-failures-and-timeouts/enqueue.ts ${Object.keys(scenarios).join("|")}`);
  process.exit(2);
}
const job = await scenario();
console.log(`Enqueued ${job.description} as job ${job.id}`);
try {
  // waitForResult rejects with the error of the final attempt; retries in between are not final.
  console.log(`Result: ${await job.waitForResult({ timeout: "30s" })}`);
} catch (error) {
  await job.refresh();
  console.log(`Failed for good: ${(error as Error).message}`);
  console.log(`Status ${job.status} after ${job.attempts} attempt(s), ${job.retriesLeft ?? 0} retries left`);
}
connection.disconnect();
