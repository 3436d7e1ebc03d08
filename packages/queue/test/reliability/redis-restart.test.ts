/**
 * Redis restarts under running workers and a producer. The server is SIGKILLed (a crash, the harshest
 * restart) and started again on the same port and data directory; nobody restarts the workers.
 *
 * - `appendonly yes` + `appendfsync always`: Redis fsyncs each write before it replies, so every
 *   enqueue the producer saw acknowledged is still there after the crash, and runs.
 * - No persistence (the test servers' default): the data is gone; the workers reconnect and run what
 *   is enqueued afterwards.
 * What other fsync settings promise is Redis's, not something a test can show: docs/guarantees.md.
 * About 15 s in all.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { startRedis, type RedisServer } from "@rqts/testing";
import { Queue, keys } from "../../src/index.js";
import { add } from "../fixtures/tasks.js";
import { killAllWorkers, spawnWorker } from "../fixtures/spawn-worker.js";
import { auditQueue, countExecutions } from "../fixtures/reliability/audit.js";
import { startFleet } from "../fixtures/reliability/fleet.js";
import { createPrng, seedFromEnvironment } from "../fixtures/reliability/prng.js";
import { work } from "../fixtures/reliability/tasks.js";
import { eventually, uniqueQueue } from "../helpers.js";

const timings = { heartbeatInterval: 250, abandonedGrace: 1500, maintenanceInterval: 500, intermediateGrace: 1000, dequeueTimeout: "1s" };
const DURABLE = ["--appendonly", "yes", "--appendfsync", "always"];

const servers: RedisServer[] = [];

afterEach(async () => {
  await killAllWorkers();
  // the restarted server first; then the first one, which owns (and removes) the data directory
  for (const server of servers.splice(0).reverse()) await server.stop();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Crashes the server (SIGKILL), waits `downMs`, and starts it again on the same port and directory. */
async function crashAndRestart(server: RedisServer, args: string[], downMs: number): Promise<RedisServer> {
  await server.kill();
  await pause(downMs);
  const restarted = await startRedis({ port: server.port, dir: server.dir, args });
  servers.push(restarted);
  return restarted;
}

/** Enqueues small batches until `stop()`; remembers the ids of every enqueue Redis acknowledged. */
function produce(redis: Redis, q: string, counterKey: string, seed: number) {
  const prng = createPrng(seed);
  const queue = new Queue(q, { connection: redis });
  const acknowledged: string[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const jobs = await queue.enqueueMany(
        Array.from({ length: 5 }, () => ({ task: work, args: [prng.int(5, 20), counterKey] as [number, string], options: { retry: { max: 3 } } })),
      );
      acknowledged.push(...jobs.map((job) => job.id));
      await pause(10);
    }
  })();
  return {
    acknowledged,
    async stop() {
      running = false;
      await done;
    },
  };
}

describe("a Redis restart under running workers", () => {
  it("with appendfsync always, loses no acknowledged enqueue, and the workers reconnect on their own and run everything", async () => {
    const seed = seedFromEnvironment();
    console.log(`redis-restart seed ${seed} (replay with RQTS_SEED=${seed})`);
    const server = await startRedis({ args: DURABLE });
    servers.push(server);
    const redis = server.client(); // waits through the outage: enqueues are retried, not failed
    const q = uniqueQueue("restart");
    const counterKey = `reliability:${q}`;
    const fleet = startFleet(2, { redisUrl: server.url, queues: [q], concurrency: 8, ...timings });
    await fleet.ready();
    const pids = fleet.all.map((child) => child.pid);

    const producer = produce(redis, q, counterKey, seed);
    await pause(1000);
    const beforeCrash = producer.acknowledged.length;
    const restarted = await crashAndRestart(server, DURABLE, 300);
    await pause(1500);
    await producer.stop();
    const ids = [...producer.acknowledged];
    expect(beforeCrash).toBeGreaterThan(50);
    expect(ids.length).toBeGreaterThan(beforeCrash); // enqueues went on after the restart

    const check = restarted.client();
    const queue = new Queue(q, { connection: check });
    await eventually(() => auditQueue(check, q, ids), (audit) => audit.statuses.finished === ids.length, 30_000);
    const audit = await auditQueue(check, q, ids);
    const executions = await countExecutions(check, counterKey, ids);
    console.log(
      `redis restart: ${ids.length} acknowledged enqueues (${beforeCrash} before the crash), all finished; ` +
        `${audit.retries} abandoned executions retried, ${executions.repeatedStarts} executions begun again`,
    );
    expect(audit).toMatchObject({ inFinished: ids.length, inBoth: 0, inNeither: 0, started: 0, intermediate: 0, scheduled: 0 });
    expect(await queue.count()).toBe(0);
    expect(executions.withoutEffect).toBe(0);

    // the same worker processes did it: they reconnected, nobody restarted them
    expect(fleet.all.map((child) => child.pid)).toEqual(pids);
    for (const child of fleet.all) expect(child.alive()).toBe(true);
    await fleet.stop();
    for (const child of fleet.all) expect(await child.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("without persistence, loses what Redis held, and the workers reconnect and run what is enqueued afterwards", async () => {
    const server = await startRedis();
    servers.push(server);
    const q = uniqueQueue("restart-empty");
    const child = spawnWorker({ redisUrl: server.url, queues: [q], ...timings });
    await child.ready();
    const before = await new Queue(q, { connection: server.client() }).enqueue(add, [1, 1]);
    expect(await before.waitForResult({ timeout: "5s" })).toBe(2);

    const restarted = await crashAndRestart(server, [], 300);
    const redis = restarted.client();
    expect(await redis.exists(keys.job(before.id))).toBe(0); // gone with the data

    const after = await new Queue(q, { connection: redis }).enqueue(add, [2, 3]);
    expect(await after.waitForResult({ timeout: "10s" })).toBe(5);
    expect(child.alive()).toBe(true);
    // its registration went with the data: its next heartbeat finds its key gone and registers it again
    await eventually(() => redis.sismember(keys.workers(), keys.worker(child.name)), (listed) => listed === 1);
    expect(await redis.hget(keys.worker(child.name), "queues")).toBe(q);
  });
});
