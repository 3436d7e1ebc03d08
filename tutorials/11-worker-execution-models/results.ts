// tutorials/11-worker-execution-models/results.ts — how many jobs finished, in how many processes; then clear them.
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("models", { connection });
const pids = new Set<number>();
const ids = await queue.finished.jobIds();
for (const id of ids) {
  const job = await queue.fetchJob<{ pid: number }>(id);
  const value = await job?.returnValue();
  if (value) pids.add(value.pid);
  await job?.delete(); // ready for the next round
}
console.log(`${ids.length} jobs finished in ${pids.size} process(es)`);
connection.disconnect();
