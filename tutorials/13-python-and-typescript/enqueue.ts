// tutorials/13-python-and-typescript/enqueue.ts — a TypeScript producer enqueues a Python function by name.
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("py", { connection });

// "greetings.shout" is not a task of this process: the name and JSON arguments are all Redis stores,
// and Python's worker imports greetings.shout itself. (TypeScript cannot send keyword arguments.)
const job = await queue.enqueue("greetings.shout", ["hello from typescript", 3]);
console.log(`TypeScript enqueued ${job.taskName} for rq as job ${job.id}`);
const shouted = await job.waitForResult({ timeout: "30s" });
console.log(`Python's worker answered: ${String(shouted)}`);
connection.disconnect();
