// examples/rate-limits.ts — at most 2 job starts per second on a queue, across every worker.
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const callApi = defineTask("examples.call-api", (n: number) => n);
const queue = new Queue(queueName("rate"), { connection });
await queue.setRateLimit({ max: 2, duration: "1s" }); // stored in Redis: every rqts worker obeys it
await queue.enqueueMany(Array.from({ length: 5 }, (_, n) => ({ task: callApi, args: [n] })));

const started = Date.now();
const worker = new Worker(queue.name, { connection, tasks: [callApi], concurrency: 10, logger: false });
worker.on("job:started", () => console.log(`start after ${Math.round((Date.now() - started) / 1000)} s`));
await worker.run({ burst: true });
await queue.clearRateLimit();
connection.disconnect();
