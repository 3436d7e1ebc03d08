/**
 * Workers in separate OS processes (test/fixtures/worker-main.ts): signals, SIGKILL at awkward
 * moments, lost Redis connections, and two processes sharing a queue. Each child prints one line
 * per event (`ready`, `started <id>`, `finished <id>`, …), which the tests wait for.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Queue, Worker, keys } from "../src/index.js";
import { add, allTasks, sleep } from "./fixtures/tasks.js";
import { killAllWorkers, spawnWorker, type SpawnWorkerOptions, type WorkerChild } from "./fixtures/spawn-worker.js";
import { eventually, fastTimings, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

/** Heartbeats fast enough that a dead worker's job is abandoned within ~2 s. Maintenance stays at
 * start-up only: a worker SIGKILLed while it holds `rq:clean_registries:{q}` would block the
 * maintenance of others until the lock expires. */
const childTimings = { heartbeatInterval: 200, abandonedGrace: 800 } satisfies Partial<SpawnWorkerOptions>;

const inProcess: Array<{ stop: (cold?: boolean) => Promise<void> }> = [];

afterEach(async () => {
  await killAllWorkers();
  for (const worker of inProcess.splice(0)) await worker.stop(true);
});

function startChild(queue: string, options: Partial<SpawnWorkerOptions> = {}): WorkerChild {
  return spawnWorker({ redisUrl: ctx.server.url, queues: [queue], ...childTimings, ...options });
}

/** Starts an in-process worker in the background; it is stopped after the test. */
function startInProcess(queue: string): Worker {
  const worker = new Worker(queue, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, ...fastTimings });
  inProcess.push(runInBackground(worker));
  return worker;
}

interface ClientInfo {
  id: string;
  name: string;
  cmd: string;
}

async function clients(): Promise<ClientInfo[]> {
  const text = String(await ctx.redis.call("CLIENT", "LIST"));
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const fields = Object.fromEntries(line.split(" ").map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
      return { id: fields.id ?? "", name: fields.name ?? "", cmd: fields.cmd ?? "" };
    });
}

/** The connections a worker opened: its own (named after it) and its blocking ones (`{name}:blocking:{q}`). */
async function workerClients(name: string): Promise<ClientInfo[]> {
  return (await clients()).filter((c) => c.name === name || c.name.startsWith(`${name}:`));
}

/** Resolves once the worker sits in BLMOVE on `queue`. */
async function blockedOn(name: string, queue: string): Promise<void> {
  await eventually(clients, (list) => list.some((c) => c.name === `${name}:blocking:${queue}` && c.cmd === "blmove"));
}

/** A child worker blocked on a fresh queue, then busy with a long job while a second one waits queued. */
async function busyChild(longMs: number) {
  const q = uniqueQueue();
  const queue = new Queue(q, { connection: ctx.redis });
  const child = startChild(q);
  await child.ready();
  await blockedOn(child.name, q);
  const [long, next] = await queue.enqueueMany([
    { task: sleep, args: [longMs] },
    { task: add, args: [1, 2] },
  ]);
  await child.waitFor(`started ${long!.id}`);
  return { q, queue, child, long: long!, next: next! };
}

async function isWorkerListed(name: string, queue: string): Promise<[number, number]> {
  const key = keys.worker(name);
  return [await ctx.redis.sismember(keys.workers(), key), await ctx.redis.sismember(keys.queueWorkers(queue), key)];
}

describe("a worker in its own process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)(
    "on %s shuts down warm: the running job finishes, no new job starts, the worker deregisters and exits 0",
    async (signal) => {
      const { q, queue, child, long, next } = await busyChild(1500);
      const signaled = Date.now();
      child.kill(signal);
      await child.waitFor(/warm shutdown/);

      const exit = await child.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(Date.now() - signaled).toBeGreaterThan(900); // it waited for the job
      expect(child.lines).toContain("stopped");
      expect(child.startedIds()).toEqual([long.id]);

      expect(await long.getStatus()).toBe("finished");
      expect(await long.returnValue()).toBe(1500);
      expect(await next.getStatus()).toBe("queued");
      expect(await queue.jobIds()).toEqual([next.id]);
      expect(await ctx.redis.zcard(keys.started(q))).toBe(0);

      const hash = await ctx.redis.hgetall(keys.worker(child.name));
      expect(hash.death).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(hash.successful_job_count).toBe("1");
      expect(await isWorkerListed(child.name, q)).toEqual([0, 0]);
    },
  );

  it("on a second SIGTERM shuts down cold: it exits at once, the running job is failed and leaves rq:wip", async () => {
    const { q, queue, child, long, next } = await busyChild(20_000);
    const signaled = Date.now();
    child.kill("SIGTERM");
    await child.waitFor(/warm shutdown/);
    child.kill("SIGTERM");

    const exit = await child.exited;
    expect(Date.now() - signaled).toBeLessThan(3_000);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(child.lines.some((line) => /cold shutdown/.test(line))).toBe(true);
    expect(child.lines.some((line) => line.startsWith(`failed ${long.id} `)), child.lines.join("\n")).toBe(true);

    expect(await long.getStatus()).toBe("failed");
    expect(await queue.failed.contains(long.id)).toBe(true);
    const entries = await ctx.redis.xrange(keys.results(long.id), "-", "+");
    expect(entries).toHaveLength(1);
    expect(entries[0]![1][entries[0]![1].indexOf("type") + 1]).toBe("2");
    const result = await long.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString).toContain(`Worker ${child.name}`);
    expect(result?.excString).toMatch(/stopped the job|shut down cold/);

    expect(await ctx.redis.zcard(keys.started(q))).toBe(0);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);
    expect(await next.getStatus()).toBe("queued");
    expect(await queue.jobIds()).toEqual([next.id]);
    expect(await isWorkerListed(child.name, q)).toEqual([0, 0]);
  });

  it("killed with SIGKILL mid-job leaves the job in rq:wip, and another worker's maintenance fails it as abandoned", async () => {
    const q = uniqueQueue();
    const queue = new Queue(q, { connection: ctx.redis });
    const child = startChild(q);
    await child.ready();
    const job = await queue.enqueue(sleep, [20_000]);
    await child.waitFor(`started ${job.id}`);
    // let a few heartbeats land
    await eventually(
      () => job.refresh(),
      (j) => j.lastHeartbeat !== undefined && j.startedAt !== undefined && j.lastHeartbeat > j.startedAt,
    );
    child.kill("SIGKILL");
    expect((await child.exited).signal).toBe("SIGKILL");

    expect(await job.getStatus()).toBe("started");
    expect(await queue.started.contains(job.id)).toBe(true);
    expect(await queue.started.jobIds()).toEqual([job.id]);
    expect(await isWorkerListed(child.name, q)).toEqual([1, 1]); // nobody recorded its death

    startInProcess(q);
    await eventually(() => job.getStatus(), (status) => status === "failed", 6_000);
    expect(await queue.failed.contains(job.id)).toBe(true);
    expect(await ctx.redis.zcard(keys.started(q))).toBe(0);
    const result = await job.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString).toContain("AbandonedJobError");

    // The dead worker's key outlives it by its TTL (worker ttl + 60 s); once it is gone, maintenance
    // drops the name from the worker sets.
    expect(await ctx.redis.exists(keys.worker(child.name))).toBe(1);
    await ctx.redis.del(keys.worker(child.name));
    await eventually(() => isWorkerListed(child.name, q), ([all, perQueue]) => all === 0 && perQueue === 0, 3_000);
  });

  it("killed with SIGKILL while blocked on an empty queue loses nothing: a job enqueued afterwards runs on a new worker", async () => {
    const q = uniqueQueue();
    const queue = new Queue(q, { connection: ctx.redis });
    const child = startChild(q);
    await child.ready();
    await blockedOn(child.name, q);
    child.kill("SIGKILL");
    await child.exited;
    await eventually(() => workerClients(child.name), (list) => list.length === 0);

    const job = await queue.enqueue(add, [2, 3]);
    expect(await queue.jobIds()).toEqual([job.id]);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);

    const next = startChild(q);
    await next.waitFor(`finished ${job.id}`);
    expect(await job.getStatus()).toBe("finished");
    expect(await job.returnValue()).toBe(5);
  });

  it("puts an id left in the intermediate list back on its queue after the grace period, and runs it", async () => {
    const q = uniqueQueue();
    const queue = new Queue(q, { connection: ctx.redis });
    const job = await queue.enqueue(add, [20, 22]);
    // what a worker that died between its BLMOVE and its claim leaves behind
    expect(await ctx.redis.lmove(keys.queue(q), keys.intermediate(q), "LEFT", "RIGHT")).toBe(job.id);
    expect(await queue.count()).toBe(0);

    const child = startChild(q, { maintenanceInterval: 300, intermediateGrace: 500 });
    const recovered = await child.waitFor((line) => line.startsWith("maintenance ") && line.includes(job.id), 5_000);
    expect(JSON.parse(recovered.slice("maintenance ".length)).recovered).toEqual([job.id]);
    await child.waitFor(`finished ${job.id}`);

    expect(await job.returnValue()).toBe(42);
    expect(await ctx.redis.xlen(keys.results(job.id))).toBe(1);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);
    expect(await ctx.redis.exists(keys.intermediateFirstSeen(q, job.id))).toBe(0);
    expect(await ctx.redis.zcard(keys.started(q))).toBe(0);
  });

  it("keeps going when its Redis connections are killed, mid-job and while blocked", async () => {
    const q = uniqueQueue();
    const queue = new Queue(q, { connection: ctx.redis });
    const child = startChild(q);
    await child.ready();
    await blockedOn(child.name, q);

    const killConnections = async () => {
      const list = await workerClients(child.name);
      const names = list.map((c) => c.name).sort();
      expect(names).toEqual(expect.arrayContaining([child.name, `${child.name}:blocking:${q}`]));
      for (const client of list) await ctx.redis.call("CLIENT", "KILL", "ID", client.id);
      const killed = new Set(list.map((c) => c.id));
      // it reconnects under the same names (new connection ids)
      await eventually(
        () => workerClients(child.name),
        (now) => now.every((c) => !killed.has(c.id)) && JSON.stringify(now.map((c) => c.name).sort()) === JSON.stringify(names),
      );
    };

    // mid-job: the outcome is committed after the reconnect
    const running = await queue.enqueue(sleep, [800]);
    await child.waitFor(`started ${running.id}`);
    await killConnections();
    await child.waitFor(`finished ${running.id}`);
    expect(await running.returnValue()).toBe(800);

    // while blocked: the dequeue is re-armed on the new connection
    await blockedOn(child.name, q);
    await killConnections();
    const later = await queue.enqueueMany([
      { task: add, args: [1, 1] },
      { task: add, args: [2, 2] },
    ]);
    for (const job of later) await child.waitFor(`finished ${job.id}`);
    expect(await Promise.all(later.map((job) => job.returnValue()))).toEqual([2, 4]);

    for (const job of [running, ...later]) expect(await ctx.redis.xlen(keys.results(job.id))).toBe(1);
    expect(await ctx.redis.zcard(keys.started(q))).toBe(0);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);
    expect(child.alive()).toBe(true);
  });
});

describe("two worker processes on one queue", () => {
  it("run every job exactly once", async () => {
    const q = uniqueQueue();
    const queue = new Queue(q, { connection: ctx.redis });
    const workers = [startChild(q, { concurrency: 4 }), startChild(q, { concurrency: 4 })];
    for (const worker of workers) {
      await worker.ready();
      await blockedOn(worker.name, q);
    }
    const jobs = await queue.enqueueMany(Array.from({ length: 40 }, (_, i) => ({ task: sleep, args: [10 + (i % 5) * 10] })));
    const ids = jobs.map((job) => job.id);

    await eventually(() => queue.finished.count(), (count) => count === 40, 10_000);
    const statuses = await Promise.all(jobs.map((job) => job.getStatus()));
    expect(statuses.every((status) => status === "finished")).toBe(true);
    const lengths = await Promise.all(ids.map((id) => ctx.redis.xlen(keys.results(id))));
    expect(lengths).toEqual(ids.map(() => 1));

    const [a, b] = workers.map((worker) => worker.startedIds());
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
    expect([...a!, ...b!].sort()).toEqual([...ids].sort()); // each started once, by one of them

    expect(await queue.count()).toBe(0);
    expect(await ctx.redis.zcard(keys.started(q))).toBe(0);
    expect(await ctx.redis.llen(keys.intermediate(q))).toBe(0);

    for (const worker of workers) worker.kill("SIGTERM");
    for (const worker of workers) expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
