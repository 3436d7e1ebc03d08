/**
 * Dropped connections: Redis closes a worker's connections (CLIENT KILL, as a proxy, a failover or a
 * network blip would) while it runs, blocks or listens. ioredis reconnects with its back-off and
 * re-sends what was in flight; the worker carries on with no restart and loses nothing. A command
 * whose reply was lost may run twice (a claim: its jobs are then found abandoned and retried), which
 * is the at-least-once the jobs' retries cover. About 15 s in all.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Queue, QueueEvents, keys } from "../../src/index.js";
import { add, sleep } from "../fixtures/tasks.js";
import { killAllWorkers, spawnWorker } from "../fixtures/spawn-worker.js";
import { auditQueue, countExecutions } from "../fixtures/reliability/audit.js";
import { clientList, killWorkerConnections, workerConnections } from "../fixtures/reliability/clients.js";
import { startFleet } from "../fixtures/reliability/fleet.js";
import { createPrng, seedFromEnvironment } from "../fixtures/reliability/prng.js";
import { work } from "../fixtures/reliability/tasks.js";
import { eventually, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

afterEach(killAllWorkers);

const timings = { heartbeatInterval: 250, abandonedGrace: 1500, maintenanceInterval: 500, intermediateGrace: 1000, dequeueTimeout: "1s" };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("connections dropped under a running worker", () => {
  it("three worker processes whose connections are killed every ~0.25 s finish every job, once in Redis, without restarting", async () => {
    const prng = createPrng(seedFromEnvironment());
    console.log(`dropped-connections seed ${prng.seed} (replay with RQTS_SEED=${prng.seed})`);
    const q = uniqueQueue("dropped");
    const counterKey = `reliability:${q}`;
    const queue = new Queue(q, { connection: ctx.redis });
    const fleet = startFleet(3, { redisUrl: ctx.server.url, queues: [q], concurrency: 5, ...timings });
    await fleet.ready();
    const names = fleet.all.map((child) => child.name);

    const jobs = await queue.enqueueMany(
      Array.from({ length: 1500 }, () => ({ task: work, args: [prng.int(5, 25), counterKey] as [number, string], options: { retry: { max: 3 } } })),
    );
    const ids = jobs.map((job) => job.id);
    let kills = 0;
    const deadline = Date.now() + 60_000;
    while ((await queue.finished.count()) < ids.length) {
      if (Date.now() > deadline) throw new Error(`not finished in time: ${JSON.stringify(await auditQueue(ctx.redis, q, ids))}`);
      await pause(prng.int(150, 350));
      const killed = await killWorkerConnections(ctx.redis, prng.pick(names));
      if (killed.length > 0) kills++;
    }

    const audit = await auditQueue(ctx.redis, q, ids);
    const executions = await countExecutions(ctx.redis, counterKey, ids);
    console.log(
      `dropped connections: ${kills} CLIENT KILL rounds; ${audit.retries} claims found abandoned and retried, ` +
        `${executions.repeatedStarts} executions begun again, ${executions.repeatedEffects} side effects repeated`,
    );
    expect(kills).toBeGreaterThanOrEqual(5);
    expect(audit.statuses).toEqual({ finished: ids.length });
    expect(audit).toMatchObject({ inFinished: ids.length, inBoth: 0, queued: 0, intermediate: 0, started: 0, scheduled: 0 });
    expect(audit.resultEntries).toEqual({ 1: ids.length });
    expect(executions.withoutEffect).toBe(0);
    expect(executions.repeatedStarts).toBeLessThanOrEqual(audit.retries);

    // the same processes carried on: none crashed or restarted, each reconnected under its names
    for (const child of fleet.all) expect(child.alive()).toBe(true);
    for (const name of names) {
      await eventually(
        () => workerConnections(ctx.redis, name),
        (connections) => connections.some((c) => c.name === name) && connections.some((c) => c.name === `${name}:pubsub`),
      );
    }
    await fleet.stop();
    for (const child of fleet.all) expect(await child.exited).toEqual({ code: 0, signal: null });
  }, 90_000);

  it("a worker blocked on an empty queue goes back to blocking after each kill, and takes a job enqueued afterwards at once", async () => {
    const q = uniqueQueue("dropped-idle");
    const child = spawnWorker({ redisUrl: ctx.server.url, queues: [q], ...timings, dequeueTimeout: "30s" });
    await child.ready();
    const blocking = `${child.name}:blocking:${q}`;
    const blocked = () => eventually(() => clientList(ctx.redis), (list) => list.some((c) => c.name === blocking && c.cmd === "blmove"), 5_000);
    for (let round = 0; round < 3; round++) {
      await blocked();
      await killWorkerConnections(ctx.redis, child.name);
    }
    await blocked();
    // the dequeue timeout is 30 s: only a live BLMOVE on the new connection takes the job this fast
    const enqueued = Date.now();
    const job = await new Queue(q, { connection: ctx.redis }).enqueue(add, [20, 22]);
    expect(await job.waitForResult({ timeout: "5s" })).toBe(42);
    expect(Date.now() - enqueued).toBeLessThan(3_000);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);
  });

  it("waitForResult and QueueEvents outlive the kill of their own connections", async () => {
    const q = uniqueQueue("dropped-reader");
    const queue = new Queue(q, { connection: ctx.redis });
    const events = new QueueEvents(q, { connection: ctx.redis });
    await events.ready();
    const finished: string[] = [];
    events.on("finished", (event) => finished.push(event.jobId));

    const job = await queue.enqueue(sleep, [1500]);
    const result = job.waitForResult({ timeout: "20s" });
    // both readers are parked on their blocking command: XREAD BLOCK and SUBSCRIBE
    const readers = await eventually(
      () => clientList(ctx.redis),
      (list) => list.some((c) => c.cmd === "xread") && list.some((c) => c.cmd === "subscribe"),
    );
    for (const client of readers.filter((c) => c.cmd === "xread" || c.cmd === "subscribe")) await ctx.redis.call("CLIENT", "KILL", "ID", client.id!);
    // ioredis reconnects, re-sends the XREAD and re-subscribes
    await eventually(() => clientList(ctx.redis), (list) => list.some((c) => c.cmd === "subscribe"));

    const child = spawnWorker({ redisUrl: ctx.server.url, queues: [q], ...timings });
    await child.ready();
    expect(await result).toBe(1500);
    await eventually(async () => finished, (list) => list.includes(job.id), 5_000);
    await events.close();
  });
});
