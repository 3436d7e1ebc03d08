/**
 * A quick throughput check (not a benchmark — packages/bench compares libraries): enqueue N no-op jobs,
 * run them with one worker at concurrency C in burst mode, verify every job finished, print the times.
 *
 *   npm run throughput -w @rqts/queue -- [jobs=10000] [concurrency=50]
 *
 * It starts its own throwaway redis-server (REDIS_URL is ignored so no real data is touched).
 */
import { startRedis } from "@rqts/testing";
import { Queue, Worker, defineTask } from "../src/index.js";

const jobs = Number(process.argv[2] ?? 10_000);
const concurrency = Number(process.argv[3] ?? 50);
const noop = defineTask("throughput.noop", () => null);

const server = await startRedis();
const connection = server.client();
try {
  const queue = new Queue("throughput", { connection });
  let started = performance.now();
  await queue.enqueueMany(Array.from({ length: jobs }, () => ({ task: noop, args: [] })));
  const enqueueMs = performance.now() - started;

  const worker = new Worker(queue.name, { connection, tasks: [noop], concurrency, logger: false });
  let failed = 0;
  worker.on("job:failed", () => failed++);
  started = performance.now();
  await worker.run({ burst: true });
  const processMs = performance.now() - started;

  const finished = await queue.finished.count();
  const left = (await queue.count()) + (await queue.started.count());
  console.log(`enqueue ${jobs} jobs (enqueueMany): ${enqueueMs.toFixed(0)} ms, ${Math.round(jobs / (enqueueMs / 1000))} jobs/s`);
  console.log(`process ${jobs} jobs, concurrency ${concurrency}: ${processMs.toFixed(0)} ms, ${Math.round(jobs / (processMs / 1000))} jobs/s`);
  console.log(`finished ${finished}, failed ${failed}, left queued or started ${left}`);
  if (finished !== jobs || failed !== 0 || left !== 0) process.exitCode = 1;
} finally {
  connection.disconnect();
  await server.stop();
}
