// tutorials/07-mars-rover/enqueue.ts — the original producer: ten sols on the "mars" queue, then exit.
//   npx tsx tutorials/07-mars-rover/enqueue.ts 1000
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { getMarsPhotoTask } from "./tasks.js";

const first = Number(process.argv[2] ?? 1000);
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("mars", { connection });

console.log("Before");
const start = performance.now();
for (let i = 0; i < 10; i++) await queue.enqueue(getMarsPhotoTask, [first + i]); // stores the call; runs nothing
console.log(`After: 10 jobs enqueued in ${Math.round(performance.now() - start)} ms; the photos show up in the worker's terminal`);
connection.disconnect();
