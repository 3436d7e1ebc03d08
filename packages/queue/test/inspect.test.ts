import { describe, expect, it } from "vitest";
import {
  InvalidArgumentError,
  InvalidJobOperationError,
  Inspector,
  NoSuchJobError,
  NoSuchQueueError,
  Queue,
  VERSION,
  Worker,
  type RequeueProgress,
} from "../src/index.js";
import { zlibStore } from "../src/serializer.js";
import { add, allTasks, boom, sleepUntilAborted } from "./fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

function inspector(): Inspector {
  return new Inspector(ctx.redis);
}

async function runBurst(queue: Queue): Promise<void> {
  await new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false }).run({ burst: true });
}

/** Makes a queued job look started by a worker whose heartbeat expired `secondsAgo` ago (negative: fresh). */
async function markStarted(queue: Queue, id: string, secondsAgo: number): Promise<void> {
  const score = Math.floor(Date.now() / 1000) - secondsAgo;
  await ctx.redis
    .multi()
    .lrem(queue.key, 0, id)
    .hset(`rq:job:${id}`, { status: "started", worker_name: "gone-worker" })
    .zadd(queue.started.key, score, `${id}:${"e".repeat(32)}`)
    .exec();
}

/** Redis's own count of writes since the last save (never saved here): equal before and after = nothing written. */
async function writesSoFar(): Promise<number> {
  const info = await ctx.redis.info("persistence");
  return Number(/rdb_changes_since_last_save:(\d+)/.exec(info)?.[1]);
}

describe("Inspector: queues", () => {
  it("counts every list of every queue in rq:queues in one read, leaving expired finished and failed entries out", async () => {
    const queue = new Queue(uniqueQueue("counts"), { connection: ctx.redis });
    await queue.enqueue(add, [1, 2]);
    await queue.enqueue(boom, ["bad"]);
    await runBurst(queue); // one finished, one failed
    const parent = await queue.enqueue(add, [1, 1]);
    await queue.enqueue(add, [2, 2], { dependsOn: parent }); // deferred
    await queue.enqueueIn("1h", add, [3, 3]); // scheduled
    const canceled = await queue.enqueue(add, [4, 4]);
    await canceled.cancel();
    const started = await queue.enqueue(add, [5, 5]);
    await markStarted(queue, started.id, -100);
    await ctx.redis.zadd(queue.finished.key, 1, "long-expired"); // expired: not counted

    const [summary] = await inspector().queues([queue.name]);
    expect(summary).toEqual({
      name: queue.name,
      registered: true,
      counts: { queued: 1, started: 1, deferred: 1, scheduled: 1, finished: 1, failed: 1, canceled: 1 },
      total: 7,
      abandoned: 0,
      expired: 1,
    });
    expect((await inspector().queueNames()).includes(queue.name)).toBe(true);
    const all = await inspector().queues();
    expect(all.find((q) => q.name === queue.name)?.counts.queued).toBe(1);
  });

  it("reports abandoned started jobs and expired entries without cleaning anything up", async () => {
    const queue = new Queue(uniqueQueue("readonly"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await markStarted(queue, job.id, 30);
    await ctx.redis.zadd(queue.failed.key, 5, "expired-failure");
    await ctx.redis.sadd("rq:workers", "rq:worker:long-gone");

    const before = await writesSoFar();
    expect(Number.isFinite(before)).toBe(true);
    const [summary] = await inspector().queues([queue.name]);
    await inspector().workers();
    await inspector().jobs(queue.name, "started");
    await inspector().jobs(queue.name, "failed");
    await inspector().job(job.id);
    expect(await writesSoFar()).toBe(before);

    expect(summary?.abandoned).toBe(1);
    expect(summary?.expired).toBe(1);
    expect(await job.getStatus()).toBe("started");
    expect(await ctx.redis.zscore(queue.failed.key, "expired-failure")).toBe("5");
    expect(await ctx.redis.sismember("rq:workers", "rq:worker:long-gone")).toBe(1);
  });

  it("refuses a queue that has nothing at all, naming the known queues", async () => {
    const queue = new Queue(uniqueQueue("known"), { connection: ctx.redis });
    await queue.enqueue(add, [1, 1]);
    const error = await inspector().queues(["no-such-queue"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoSuchQueueError);
    expect((error as Error).message).toContain(`"${queue.name}"`);
  });
});

describe("Inspector: workers", () => {
  it("lists running workers with state, queues, pid, heartbeat age and counters, and counts stale entries", async () => {
    const queue = new Queue(uniqueQueue("workers"), { connection: ctx.redis });
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, name: `w-${queue.name}` });
    const running = runInBackground(worker);
    try {
      const job = await queue.enqueue(sleepUntilAborted, [10_000]);
      await eventually(() => job.getStatus(), (status) => status === "started");
      await ctx.redis.sadd(`rq:workers:${queue.name}`, "rq:worker:ghost");
      const { workers, stale } = await inspector().workers({ queue: queue.name });
      expect(stale).toBe(1);
      expect(workers).toHaveLength(1);
      const [info] = workers;
      expect(info).toMatchObject({ name: worker.name, queues: [queue.name], state: "busy", currentJob: job.id, pid: process.pid, version: VERSION });
      expect(info?.lastHeartbeat).toBeInstanceOf(Date);
      expect(info?.heartbeatAgeSeconds).toBeGreaterThanOrEqual(0);
      expect(info?.heartbeatAgeSeconds).toBeLessThan(60); // written when it took the job, moments ago
      expect(info?.birth).toBeInstanceOf(Date);
      expect((await inspector().workers()).workers.map((w) => w.name)).toContain(worker.name);
    } finally {
      await running.stop(true);
    }
  });
});

describe("Inspector: job view", () => {
  it("shows status, call, timestamps, result history, meta and dependencies with their statuses", async () => {
    const queue = new Queue(uniqueQueue("view"), { connection: ctx.redis });
    const parent = await queue.enqueue(add, [2, 3], { meta: { owner: "ops" } });
    const child = await queue.enqueue(add, [1, 1], { dependsOn: parent });
    const before = await inspector().job(parent.id);
    expect(before).toMatchObject({ status: "queued", position: 0, latestResult: undefined, dependents: [{ id: child.id, status: "deferred" }] });
    await runBurst(queue);

    const view = await inspector().job(parent.id);
    expect(view).toMatchObject({
      id: parent.id,
      status: "finished",
      queue: queue.name,
      description: "tests.add(2, 3)",
      callString: "tests.add(2, 3)",
      taskName: "tests.add",
      args: [2, 3],
      kwargs: {},
      callError: undefined,
      meta: { owner: "ops" },
      metaError: undefined,
      position: undefined,
    });
    expect(view.latestResult).toMatchObject({ type: "successful", returnValue: 5 });
    expect(view.results).toHaveLength(1);
    expect(view.endedAt).toBeInstanceOf(Date);
    expect(view.expiresInSeconds).toBeGreaterThan(400);
    expect((await inspector().job(child.id)).dependencies).toEqual([{ id: parent.id, status: "finished" }]);
  });

  it("shows the error of a failed job", async () => {
    const queue = new Queue(uniqueQueue("view-failed"), { connection: ctx.redis });
    const job = await queue.enqueue(boom, ["disk full"]);
    await runBurst(queue);
    const view = await inspector().job(job.id);
    expect(view.status).toBe("failed");
    expect(view.latestResult?.type).toBe("failed");
    expect(view.latestResult?.excString?.trimEnd().split("\n").pop()).toBe("TypeError: disk full");
  });

  it("reports undecodable calls and meta as errors in the view instead of throwing", async () => {
    const id = `pickled-${uniqueQueue()}`;
    await ctx.redis.hset(`rq:job:${id}`, { status: "queued", origin: "py", data: zlibStore(Buffer.from("\x80\x04\x95 pickle")), meta: "\x80\x04 not json" });
    const view = await inspector().job(id);
    expect(view.callError).toMatch(/not JSON/);
    expect(view.taskName).toBeUndefined();
    expect(view.metaError).toMatch(/not JSON/);
    expect(view.meta).toEqual({});
  });

  it("throws NoSuchJobError for an unknown id", async () => {
    await expect(inspector().job("does-not-exist")).rejects.toBeInstanceOf(NoSuchJobError);
  });
});

describe("Inspector: job lists", () => {
  it("pages through a queue oldest first or newest first", async () => {
    const queue = new Queue(uniqueQueue("pages"), { connection: ctx.redis });
    const jobs = await queue.enqueueMany([1, 2, 3, 4, 5].map((n) => ({ task: add, args: [n, n] })));
    const ids = jobs.map((job) => job.id);
    const first = await inspector().jobs(queue.name, "queued", { limit: 2 });
    expect(first.total).toBe(5);
    expect(first.jobs.map((job) => job.id)).toEqual(ids.slice(0, 2));
    expect(first.jobs[0]).toMatchObject({ status: "queued", description: "tests.add(1, 1)", score: undefined });
    const newest = await inspector().jobs(queue.name, "queued", { order: "newest", offset: 1, limit: 2 });
    expect(newest.jobs.map((job) => job.id)).toEqual([ids[3], ids[2]]);
    const tail = await inspector().jobs(queue.name, "queued", { order: "newest", offset: 4, limit: 3 });
    expect(tail.jobs.map((job) => job.id)).toEqual([ids[0]]);
  });

  it("lists failed jobs with their error line, leaves expired entries out, and marks vanished jobs", async () => {
    const queue = new Queue(uniqueQueue("failed-list"), { connection: ctx.redis });
    const job = await queue.enqueue(boom, ["out of cheese"]);
    await runBurst(queue);
    await ctx.redis.zadd(queue.failed.key, 1, "expired-entry");
    await ctx.redis.zadd(queue.failed.key, "+inf", "vanished");
    const page = await inspector().jobs(queue.name, "failed", { order: "newest" });
    expect(page.total).toBe(2);
    expect(page.jobs.map((j) => j.id)).toEqual(["vanished", job.id]);
    expect(page.jobs[0]).toMatchObject({ status: null, score: null });
    expect(page.jobs[1]).toMatchObject({ status: "failed", error: "TypeError: out of cheese" });
    expect(page.jobs[1]?.score?.getTime()).toBeGreaterThan(Date.now());
  });

  it("reads started entries as job id and execution", async () => {
    const queue = new Queue(uniqueQueue("started-list"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await markStarted(queue, job.id, -60);
    const page = await inspector().jobs(queue.name, "started");
    expect(page.jobs).toMatchObject([{ id: job.id, execution: "e".repeat(32), status: "started", workerName: "gone-worker" }]);
  });

  it("rejects a page size or list name it cannot serve", async () => {
    await expect(inspector().jobs("q", "queued", { limit: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(inspector().jobs("q", "queued", { limit: 1001 })).rejects.toThrow(/from 1 to 1000/);
    await expect(inspector().jobs("q", "everything" as "queued")).rejects.toThrow(/queued, started, deferred/);
  });
});

describe("Inspector: actions", () => {
  it("requeues every failed job in batches, reporting progress after each batch", async () => {
    const queue = new Queue(uniqueQueue("requeue-all"), { connection: ctx.redis });
    await queue.enqueueMany([1, 2, 3, 4, 5].map((n) => ({ task: boom, args: [`no ${n}`] })));
    await runBurst(queue);
    await ctx.redis.zadd(queue.failed.key, "+inf", "vanished");
    const progress: RequeueProgress[] = [];
    const report = await inspector().requeueFailed({ queues: [queue.name], batch: 2, onProgress: (p) => progress.push(p) });
    expect(report.requeued).toHaveLength(5);
    expect(report.skipped).toEqual([{ id: "vanished", reason: "no such job (deleted, or its TTL expired)" }]);
    expect(progress.map((p) => p.done)).toEqual([2, 4, 6]);
    expect(progress.at(-1)).toEqual({ done: 6, total: 6, requeued: 5, skipped: 1 });
    expect(await queue.count()).toBe(5);
    expect(await queue.failed.jobIds()).toEqual(["vanished"]);
  });

  it("requeues failed jobs by id and reports the ids it could not requeue", async () => {
    const queue = new Queue(uniqueQueue("requeue-ids"), { connection: ctx.redis });
    const failed = await queue.enqueue(boom, ["x"]);
    const finished = await queue.enqueue(add, [1, 1]);
    await runBurst(queue);
    const report = await inspector().requeueJobs([failed.id, finished.id, "missing"], { atFront: true });
    expect(report.requeued).toEqual([failed.id]);
    expect(report.skipped).toEqual([
      { id: "missing", reason: "no such job (deleted, or its TTL expired)" },
      { id: finished.id, reason: "it is finished: only failed or stopped jobs can be requeued" },
    ]);
    expect(await failed.getStatus()).toBe("queued");
  });

  it("requeues a single job, throwing typed errors for an unknown id or a job in another state", async () => {
    const queue = new Queue(uniqueQueue("requeue-one"), { connection: ctx.redis });
    const failed = await queue.enqueue(boom, ["x"]);
    await runBurst(queue);
    await inspector().requeueJob(failed.id, { atFront: true });
    expect(await queue.jobIds()).toEqual([failed.id]);
    await expect(inspector().requeueJob(failed.id)).rejects.toBeInstanceOf(InvalidJobOperationError);
    await expect(inspector().requeueJob("missing")).rejects.toBeInstanceOf(NoSuchJobError);
  });

  it("deletes, cancels and stops jobs through the library's transitions", async () => {
    const queue = new Queue(uniqueQueue("actions"), { connection: ctx.redis });
    const doomed = await queue.enqueue(add, [1, 1]);
    const canceled = await queue.enqueue(add, [2, 2]);
    await inspector().deleteJob(doomed.id);
    await inspector().cancelJob(canceled.id);
    expect(await queue.jobIds()).toEqual([]);
    expect(await canceled.getStatus()).toBe("canceled");
    await expect(inspector().deleteJob(doomed.id)).rejects.toBeInstanceOf(NoSuchJobError);
    await expect(inspector().cancelJob(canceled.id)).rejects.toBeInstanceOf(InvalidJobOperationError);
    await expect(inspector().stopJob(canceled.id)).rejects.toBeInstanceOf(InvalidJobOperationError);

    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false });
    const running = runInBackground(worker);
    try {
      const long = await queue.enqueue(sleepUntilAborted, [10_000]);
      await eventually(() => long.getStatus(), (status) => status === "started");
      expect(await inspector().stopJob(long.id)).toBe(1);
      await eventually(() => long.getStatus(), (status) => status === "stopped");
    } finally {
      await running.stop();
    }
  });

  it("empties a queue or a registry, refuses the started registry and unknown queues", async () => {
    const queue = new Queue(uniqueQueue("empty"), { connection: ctx.redis });
    await queue.enqueue(boom, ["x"]);
    await runBurst(queue);
    await queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }]);
    await ctx.redis.zadd(queue.failed.key, "+inf", "vanished");
    expect(await inspector().empty(queue.name)).toBe(2);
    expect(await inspector().empty(queue.name, "failed")).toBe(2);
    expect(await queue.failed.count()).toBe(0);
    await expect(inspector().empty(queue.name, "started")).rejects.toThrow(/stop them/);
    await expect(inspector().empty("never-made")).rejects.toBeInstanceOf(NoSuchQueueError);
  });

  it("suspends and resumes workers", async () => {
    await inspector().suspend({ duration: "1m" });
    expect(await inspector().isSuspended()).toBe(true);
    expect(await ctx.redis.ttl("rq:suspended")).toBeGreaterThan(50);
    await inspector().resume();
    expect(await inspector().isSuspended()).toBe(false);
  });

  it("cleans only when asked: abandoned jobs fail, expired entries and dead workers go", async () => {
    const queue = new Queue(uniqueQueue("clean"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await markStarted(queue, job.id, 30);
    await ctx.redis.zadd(queue.finished.key, 3, "expired-entry");
    await ctx.redis.sadd(`rq:workers:${queue.name}`, "rq:worker:dead-one");
    const [report] = await inspector().clean([queue.name]);
    expect(report).toMatchObject({ queue: queue.name, skipped: false, abandoned: [job.id], expired: 1, deadWorkers: 1 });
    expect(await job.getStatus()).toBe("failed");
    const [summary] = await inspector().queues([queue.name]);
    expect(summary).toMatchObject({ abandoned: 0, expired: 0, counts: { started: 0, failed: 1 } });
  });
});
