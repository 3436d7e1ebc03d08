import { describe, expect, it } from "vitest";
import { Queue, Worker } from "../src/index.js";
import { maintainQueue, parseWipMember } from "../src/worker/maintenance.js";
import { add, allTasks, sleep } from "./fixtures/tasks.js";
import { eventually, fastTimings, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

/** Makes a job look as if a worker started it and died: in rq:wip with a heartbeat that expired. */
async function abandon(queue: Queue, id: string, execution = "a".repeat(32), secondsAgo = 10) {
  const score = Math.floor(Date.now() / 1000) - secondsAgo;
  await ctx.redis
    .multi()
    .lrem(queue.key, 0, id)
    .hset(`rq:job:${id}`, { status: "started", worker_name: "dead-worker" })
    .zadd(queue.started.key, score, execution ? `${id}:${execution}` : id)
    .hset(`rq:execution:${id}:${execution}`, { id: execution })
    .zadd(`rq:executions:${id}`, score + 60, execution)
    .exec();
}

describe("maintenance", () => {
  it("moves jobs whose heartbeat expired to failed with RQ's AbandonedJobError text", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await abandon(queue, job.id);
    const report = await maintainQueue(ctx.redis, queue.name, "maintainer", 60_000);
    expect(report?.abandoned).toEqual([job.id]);
    expect(await job.getStatus()).toBe("failed");
    expect(await queue.started.count()).toBe(0);
    expect(await queue.failed.jobIds()).toEqual([job.id]);
    const result = await job.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString).toMatch(/^Moved to FailedJobRegistry, due to AbandonedJobError, at \d{4}-/);
    expect(await ctx.redis.exists(`rq:execution:${job.id}:${"a".repeat(32)}`)).toBe(0);
  });

  it("also reads plain-id rq:wip members written by RQ 1.x", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await ctx.redis.multi().lrem(queue.key, 0, job.id).zadd(queue.started.key, 1, job.id).hset(`rq:job:${job.id}`, "status", "started").exec();
    const report = await maintainQueue(ctx.redis, queue.name, "maintainer", 60_000);
    expect(report?.abandoned).toEqual([job.id]);
    expect(parseWipMember("abc")).toEqual({ id: "abc", execution: "" });
    expect(parseWipMember("a-b:ff")).toEqual({ id: "a-b", execution: "ff" });
  });

  it("leaves jobs whose heartbeat is fresh alone", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await abandon(queue, job.id, "b".repeat(32), -100);
    const report = await maintainQueue(ctx.redis, queue.name, "maintainer", 60_000);
    expect(report?.abandoned).toEqual([]);
    expect(await job.getStatus()).toBe("started");
  });

  it("puts ids stuck in the intermediate list back on the queue after the grace period", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await ctx.redis.lmove(queue.key, `${queue.key}:intermediate`, "LEFT", "RIGHT");
    const first = await maintainQueue(ctx.redis, queue.name, "m", 0);
    expect(first?.recovered).toEqual([]); // first seen now
    expect(await ctx.redis.exists(`${queue.key}:intermediate:first_seen:${job.id}`)).toBe(1);
    const second = await maintainQueue(ctx.redis, queue.name, "m", 0);
    expect(second?.recovered).toEqual([job.id]);
    expect(await queue.jobIds()).toEqual([job.id]);
    expect(await ctx.redis.llen(`${queue.key}:intermediate`)).toBe(0);
  });

  it("removes expired finished and failed entries and dead workers from the worker sets", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    await ctx.redis.zadd(queue.finished.key, 1, "old-finished", "+inf", "kept-forever");
    await ctx.redis.zadd(queue.failed.key, 1, "old-failed");
    await ctx.redis.sadd(`rq:workers:${queue.name}`, "rq:worker:gone");
    await ctx.redis.sadd("rq:workers", "rq:worker:gone");
    expect(await queue.finished.count()).toBe(1); // counting leaves expired entries out, without deleting
    const report = await maintainQueue(ctx.redis, queue.name, "m", 60_000);
    expect(report).toMatchObject({ expired: 2, deadWorkers: 1 });
    expect(await queue.finished.jobIds()).toEqual(["kept-forever"]);
    expect(await ctx.redis.sismember("rq:workers", "rq:worker:gone")).toBe(0);
  });

  it("runs under RQ's rq:clean_registries lock, one worker at a time", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    await ctx.redis.set(`rq:clean_registries:${queue.name}`, "1", "EX", 899);
    expect(await maintainQueue(ctx.redis, queue.name, "m", 60_000)).toBeNull();
    await ctx.redis.del(`rq:clean_registries:${queue.name}`);
    expect(await maintainQueue(ctx.redis, queue.name, "m", 60_000)).not.toBeNull();
    expect(await ctx.redis.exists(`rq:clean_registries:${queue.name}`)).toBe(0);
  });

  it("a running worker recovers abandoned jobs on its own", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await abandon(queue, job.id);
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, ...fastTimings });
    const done = worker.run();
    try {
      await eventually(() => job.getStatus(), (s) => s === "failed");
    } finally {
      worker.stop();
      await done;
    }
  });

  it("a live worker's heartbeats keep a long job from being taken for abandoned", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const timings = { ...fastTimings, abandonedGrace: 200, heartbeatInterval: 200 };
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, ...timings });
    const job = await queue.enqueue(sleep, [2_500]);
    const done = worker.run();
    try {
      await expect(job.waitForResult({ timeout: "6s" })).resolves.toBe(2_500);
    } finally {
      worker.stop();
      await done;
    }
  });
});
