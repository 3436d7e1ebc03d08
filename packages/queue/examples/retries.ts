// examples/retries.ts — retry a flaky task with exponential backoff; give up at once on hopeless input.
import { Queue, UnrecoverableError, Worker, currentJob, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const attempts = new Map<string, number>();
const flakyFetch = defineTask("examples.flaky-fetch", async (url: string) => {
  const attempt = (attempts.get(url) ?? 0) + 1;
  attempts.set(url, attempt);
  if (!url.startsWith("https://")) throw new UnrecoverableError(`not an https URL: ${url}`);
  if (attempt < 3) throw new Error(`attempt ${attempt}: connection reset`);
  return `${url} fetched on attempt ${attempt} of job ${currentJob().id}`;
});

const queue = new Queue(queueName("retries"), { connection });
const good = await queue.enqueue(flakyFetch, ["https://example.com"], {
  retry: { max: 4, backoff: { type: "exponential", delay: "1s", maxDelay: "10s" } },
});
const bad = await queue.enqueue(flakyFetch, ["ftp://example.com"], { retry: { max: 4 } });

// The scheduler queues retries whose wait is over; a burst worker would stop before they are due.
const worker = new Worker(queue.name, { connection, tasks: [flakyFetch], withScheduler: true, logger: false });
worker.on("job:retrying", (job, error) => console.log(`retrying ${job.id}: ${error.message}`));
const running = worker.run();
console.log(await good.waitForResult({ timeout: "30s" }));
await bad.waitForResult({ timeout: "5s" }).catch((error: Error) => console.log(`gave up: ${error.message}`));
await bad.refresh();
console.log(`bad job: ${bad.status} after ${bad.attempts} attempt(s), ${bad.retriesLeft} retries left`);
worker.stop();
await running;
connection.disconnect();
