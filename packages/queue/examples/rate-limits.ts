// examples/rate-limits.ts — at most 2 job starts per second on a queue, across every worker.
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const callApi = defineTask("examples.call-api", (n: number) => n);
const queue = new Queue(queueName("rate"), { connection });
await queue.setRateLimit({ max: 2, duration: "1s" }); // stored in Redis: every rqts worker obeys it
await queue.enqueueMany(Array.from({ length: 5 }, (_, n) => ({ task: callApi, args: [n] })));

const starts: number[] = [];
const worker = new Worker(queue.name, { connection, tasks: [callApi], concurrency: 10, logger: false });
worker.on("job:started", () => starts.push(Date.now()));
await worker.run({ burst: true });
// With 2 starts a second, any 3 consecutive starts span at least a second.
const spans = starts.slice(2).map((time, i) => time - starts[i]!);
console.log(`${starts.length} jobs started; the shortest span of 3 starts: ${Math.min(...spans) >= 950 ? "≥ 1 s" : "< 1 s"}`);
await queue.clearRateLimit();
connection.disconnect();
