/**
 * A quick throughput check (not a benchmark — packages/bench compares libraries): enqueue no-op jobs
 * one at a time, 1,000 calls at a time and N in bulk, run the N with one worker at concurrency C in
 * burst mode, verify every job finished, print the rates and the CPU time each phase cost per job, in
 * this process and in Redis (from `INFO cpu`).
 *
 *   npm run throughput -w @rqts/queue -- [jobs=10000] [concurrency=50] [--stats]
 *
 * `--stats` also prints Redis's per-command time per processed job (`INFO commandstats`), to see where
 * the server's share goes. It starts its own throwaway redis-server (REDIS_URL is ignored so no real
 * data is touched).
 */
import type { Redis } from "ioredis";
import { startRedis } from "@rqts/testing";
import { Queue, Worker, defineTask } from "../src/index.js";

const [jobsArg, concurrencyArg] = process.argv.slice(2).filter((arg) => !arg.startsWith("--"));
const jobs = Number(jobsArg ?? 10_000);
const concurrency = Number(concurrencyArg ?? 50);
const showStats = process.argv.includes("--stats");
const noop = defineTask("throughput.noop", () => null);

async function info(redis: Redis, section: string): Promise<Map<string, string>> {
  const text = await redis.info(section);
  return new Map(text.split("\r\n").filter((line) => line.includes(":")).map((line) => line.split(":", 2) as [string, string]));
}

async function redisCpuSeconds(redis: Redis): Promise<number> {
  const cpu = await info(redis, "cpu");
  return Number(cpu.get("used_cpu_user_main_thread")) + Number(cpu.get("used_cpu_sys_main_thread"));
}

/**
 * Runs `phase`, printing its rate and the CPU time it cost per job in this process and in Redis. On a
 * shared machine the rate drifts with the load; CPU time per job drifts far less, so compare that.
 */
async function timed(redis: Redis, label: string, count: number, phase: () => Promise<void>): Promise<void> {
  const cpu = await redisCpuSeconds(redis);
  const nodeCpu = process.cpuUsage();
  const started = performance.now();
  await phase();
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(nodeCpu);
  const redisMicros = (((await redisCpuSeconds(redis)) - cpu) / count) * 1e6;
  const nodeMicros = (user + system) / count;
  console.log(
    `${label}: ${ms.toFixed(0)} ms, ${Math.round(count / (ms / 1000))} jobs/s; CPU per job: Node ${nodeMicros.toFixed(1)} µs, Redis ${redisMicros.toFixed(1)} µs`,
  );
}

const server = await startRedis();
const connection = server.client();
try {
  const queue = new Queue("throughput", { connection });
  const single = Math.min(jobs, 5_000);
  await timed(connection, `enqueue ${single} jobs one at a time`, single, async () => {
    for (let i = 0; i < single; i++) await queue.enqueue(noop, []);
  });
  await queue.empty();
  await timed(connection, `enqueue ${single} jobs, 1,000 calls in flight`, single, async () => {
    for (let done = 0; done < single; done += 1_000) {
      await Promise.all(Array.from({ length: Math.min(1_000, single - done) }, () => queue.enqueue(noop, [])));
    }
  });
  await queue.empty();
  await timed(connection, `enqueue ${jobs} jobs (enqueueMany)`, jobs, async () => {
    await queue.enqueueMany(Array.from({ length: jobs }, () => ({ task: noop, args: [] })));
  });

  const worker = new Worker(queue.name, { connection, tasks: [noop], concurrency, logger: false });
  let failed = 0;
  worker.on("job:failed", () => failed++);
  await connection.config("RESETSTAT");
  await timed(connection, `process ${jobs} jobs, concurrency ${concurrency}`, jobs, () => worker.run({ burst: true }));
  if (showStats) {
    const stats = [...(await info(connection, "commandstats"))].map(([name, value]) => {
      const fields = Object.fromEntries(value.split(",").map((pair) => pair.split("=")));
      return { name: name.replace("cmdstat_", ""), calls: Number(fields.calls), usec: Number(fields.usec) };
    });
    for (const stat of stats.sort((a, b) => b.usec - a.usec).slice(0, 15)) {
      console.log(`  ${stat.name.padEnd(14)} ${(stat.calls / jobs).toFixed(2).padStart(6)} calls/job ${(stat.usec / jobs).toFixed(2).padStart(7)} µs/job`);
    }
  }

  const finished = await queue.finished.count();
  const left = (await queue.count()) + (await queue.started.count());
  console.log(`finished ${finished}, failed ${failed}, left queued or started ${left}`);
  if (finished !== jobs || failed !== 0 || left !== 0) process.exitCode = 1;
} finally {
  connection.disconnect();
  await server.stop();
}
