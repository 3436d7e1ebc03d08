// tutorials/11-worker-execution-models/enqueue.ts — put N classify jobs on the "models" queue.
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";

const count = Number(process.argv[2] ?? 20);
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("models", { connection });
await queue.enqueueMany(Array.from({ length: count }, (_, n) => ({ task: "reports.classify", args: [n] })));
console.log(`Enqueued ${count} jobs on models`);
connection.disconnect();
