import { describe, expect, it } from "vitest";
import {
  DuplicateJobError,
  InvalidArgumentError,
  InvalidJobOperationError,
  Job,
  Queue,
  QueueEvents,
  Worker,
  defineTask,
  isSuspended,
  resumeWorkers,
  suspendWorkers,
  throughput,
  type QueueEvent,
} from "../src/index.js";
import { add, allTasks, boom, progress, sleepUntilAborted } from "./fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

const calls: string[] = [];
const onOk = defineTask("tests.on-ok", async (job: Job, value: unknown) => {
  calls.push(`success:${job.id}:${JSON.stringify(value)}`);
  job.meta.cb = `success:${JSON.stringify(value)}`;
  await job.saveMeta();
});
const onFail = defineTask("tests.on-fail", (job: Job, error: Error) => {
  calls.push(`failure:${job.id}:${error.message}`);
});
const onStop = defineTask("tests.on-stop", (job: Job) => {
  calls.push(`stopped:${job.id}`);
});
const badCallback = defineTask("tests.bad-callback", () => {
  throw new Error("callback broke");
});
const callbackTasks = [...allTasks, onOk, onFail, onStop, badCallback];

function setup(options: Partial<ConstructorParameters<typeof Worker>[1]> = {}) {
  const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
  const worker = new Worker(queue.name, { connection: ctx.redis, tasks: callbackTasks, logger: false, ...options });
  return { queue, worker };
}

describe("callbacks", () => {
  it("stores callbacks by name with RQ's default 60 s timeout", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [2, 3], { onSuccess: onOk, onFailure: { task: "tests.on-fail", timeout: "5s" } });
    expect(await ctx.redis.hmget(`rq:job:${job.id}`, "success_callback_name", "success_callback_timeout", "failure_callback_name", "failure_callback_timeout")).toEqual([
      "tests.on-ok",
      "60",
      "tests.on-fail",
      "5",
    ]);
  });

  it("runs onSuccess with the job and its return value", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [2, 3], { onSuccess: onOk });
    await worker.run({ burst: true });
    expect(calls).toContain(`success:${job.id}:5`);
    await job.refresh();
    expect(job.meta.cb).toBe("success:5");
    expect(job.status).toBe("finished");
  });

  it("runs onFailure with the error on the final failure only", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["bad"], { onFailure: onFail, retry: { max: 1 } });
    await worker.run({ burst: true });
    expect(calls.filter((c) => c.startsWith(`failure:${job.id}`))).toEqual([`failure:${job.id}:bad`]);
  });

  it("fails the job when its success callback throws (as RQ does), and never loses it", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [1, 1], { onSuccess: badCallback });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("failed");
    expect((await job.latestResult())?.excString).toMatch(/The success callback "tests\.bad-callback" failed: callback broke$/);
  });

  it("keeps a failed job failed when its failure callback throws", async () => {
    const { queue, worker } = setup();
    const errors: Error[] = [];
    worker.on("error", (e) => errors.push(e));
    const job = await queue.enqueue(boom, ["x"], { onFailure: badCallback });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("failed");
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/callback broke/)]);
  });

  it("treats an unregistered callback name as a failing callback", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [1, 1], { onSuccess: "nobody.knows" });
    await worker.run({ burst: true });
    expect((await job.latestResult())?.excString).toMatch(/No task named "nobody\.knows"/);
  });
});

describe("repeat", () => {
  it("runs a job again after each success, as RQ 2.3's Repeat stores it", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [1, 1], { repeat: { times: 2 } });
    expect(await ctx.redis.hmget(`rq:job:${job.id}`, "repeats_left", "repeat_intervals")).toEqual(["2", "[0]"]);
    await worker.run({ burst: true });
    const results = await job.results();
    expect(results.map((r) => r.type)).toEqual(["successful", "successful", "successful"]);
    await job.refresh();
    expect(job.status).toBe("finished");
    expect(job.repeatsLeft).toBe(0);
  });

  it("schedules the next run when the interval is not 0", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [1, 1], { repeat: { times: 1, interval: "1h" } });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("scheduled");
    const due = Number(await ctx.redis.zscore(queue.scheduled.key, job.id)) - Date.now() / 1000;
    expect(due).toBeGreaterThan(3590);
  });

  it("does not repeat a failed job", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["x"], { repeat: { times: 3 } });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("failed");
  });
});

describe("stopping a running job", () => {
  it("job.stop() sends RQ's stop-job command; the job ends stopped, in failed, not retried", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(sleepUntilAborted, [10_000], { retry: { max: 3 }, onStopped: onStop });
    const running = runInBackground(worker);
    try {
      await eventually(() => job.getStatus(), (s) => s === "started");
      await job.stop();
      await eventually(() => job.getStatus(), (s) => s === "stopped");
    } finally {
      await running.stop();
    }
    expect(await queue.failed.jobIds()).toEqual([job.id]);
    const result = await job.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString).toMatch(/Job stopped by user, work-horse terminated\.$/);
    expect((await Job.fetch(ctx.redis, job.id)).retriesLeft).toBe(3);
    expect(calls).toContain(`stopped:${job.id}`);
  });

  it("refuses to stop a job that is not running", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    await expect(job.stop()).rejects.toThrow(InvalidJobOperationError);
  });

  it("a shutdown command stops the worker warm", async () => {
    const { worker } = setup();
    const done = worker.run();
    await eventually(() => ctx.redis.pubsub("NUMSUB", `rq:pubsub:${worker.name}`) as Promise<unknown[]>, (r) => r[1] === 1);
    await ctx.redis.publish(`rq:pubsub:${worker.name}`, JSON.stringify({ command: "shutdown" }));
    await done;
    expect(await ctx.redis.hget(`rq:worker:${worker.name}`, "death")).toBeTruthy();
  });
});

describe("canceling jobs that wait", () => {
  it("cancels a deferred job: out of the deferred registry, never released", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(add, [1, 1]);
    const child = await queue.enqueue(add, [2, 2], { dependsOn: parent });
    await child.cancel();
    expect(await queue.deferred.count()).toBe(0);
    expect(await queue.canceled.jobIds()).toEqual([child.id]);
    await worker.run({ burst: true });
    expect(await child.getStatus()).toBe("canceled");
  });

  it("cancels a scheduled job: out of the scheduled registry, never queued", async () => {
    const { queue } = setup();
    const job = await queue.enqueueAt(new Date(Date.now() - 1000), add, [1, 1]);
    await job.cancel();
    expect(await queue.scheduled.count()).toBe(0);
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, withScheduler: true });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("canceled");
    expect(await queue.count()).toBe(0);
  });
});

describe("unique jobs", () => {
  it("refuses an existing id with DuplicateJobError and writes nothing", async () => {
    const { queue } = setup();
    await queue.enqueue(add, [1, 1], { jobId: "only-once", unique: true });
    await expect(queue.enqueue(add, [2, 2], { jobId: "only-once", unique: true })).rejects.toThrow(DuplicateJobError);
    expect(await queue.count()).toBe(1);
    expect((await queue.fetchJob("only-once"))?.args).toEqual([1, 1]);
  });

  it("refuses a whole batch when one of its unique ids exists", async () => {
    const { queue } = setup();
    await queue.enqueue(add, [1, 1], { jobId: "taken" });
    await expect(
      queue.enqueueMany([
        { task: add, args: [1, 1], options: { jobId: "fresh", unique: true } },
        { task: add, args: [1, 1], options: { jobId: "taken", unique: true } },
      ]),
    ).rejects.toThrow(DuplicateJobError);
    expect(await queue.fetchJob("fresh")).toBeNull();
  });
});

describe("suspension", () => {
  it("suspendWorkers sets RQ's rq:suspended, with an optional duration; resumeWorkers clears it", async () => {
    await suspendWorkers(ctx.redis, { duration: "5m" });
    expect(await isSuspended(ctx.redis)).toBe(true);
    expect(await ctx.redis.ttl("rq:suspended")).toBeGreaterThan(290);
    await resumeWorkers(ctx.redis);
    expect(await isSuspended(ctx.redis)).toBe(false);
    await expect(suspendWorkers(ctx.redis, { duration: 0 })).rejects.toThrow(InvalidArgumentError);
  });
});

describe("rate limits", () => {
  it("starts at most `max` jobs per window across the queue", async () => {
    const { queue } = setup({ concurrency: 10 });
    await queue.setRateLimit({ max: 3, duration: "1s" });
    expect(await queue.getRateLimit()).toEqual({ max: 3, durationMs: 1000 });
    const starts: number[] = [];
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, concurrency: 10 });
    worker.on("job:started", () => starts.push(Date.now()));
    await queue.enqueueMany(Array.from({ length: 7 }, () => ({ task: add, args: [1, 1] })));
    const started = Date.now();
    await worker.run({ burst: true });
    expect(starts).toHaveLength(7);
    // 3 in the first window, 3 in the second, 1 in the third
    expect(starts.filter((t) => t - started < 900)).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    await queue.clearRateLimit();
    expect(await queue.getRateLimit()).toBeNull();
  });

  it("a shorter new limit cuts short a window counted under the old one", async () => {
    const { queue } = setup();
    await queue.setRateLimit({ max: 1000, duration: "1h" });
    await ctx.redis.set(`rq:rate-limit:${queue.name}:window`, "1000", "PX", 3_600_000);
    await queue.setRateLimit({ max: 3, duration: "2s" });
    expect(await ctx.redis.pttl(`rq:rate-limit:${queue.name}:window`)).toBeLessThanOrEqual(2_000);
  });

  it("rejects a malformed limit", async () => {
    const { queue } = setup();
    await expect(queue.setRateLimit({ max: 0, duration: "1s" })).rejects.toThrow(InvalidArgumentError);
    await expect(queue.setRateLimit({ max: 1, duration: -1 })).rejects.toThrow(InvalidArgumentError);
  });
});

describe("live events", () => {
  it("delivers started, progress, finished (with the result) and failed (with the error)", async () => {
    const { queue, worker } = setup();
    const events = new QueueEvents(queue.name, { connection: ctx.redis });
    const seen: QueueEvent[] = [];
    events.on("event", (e) => seen.push(e));
    await events.ready();
    try {
      const ok = await queue.enqueue(progress, [2]);
      const bad = await queue.enqueue(boom, ["kaput"]);
      await worker.run({ burst: true });
      await eventually(async () => seen.length, (n) => n >= 6);
      const forOk = seen.filter((e) => e.jobId === ok.id).map((e) => e.event);
      expect(forOk).toEqual(["started", "progress", "progress", "finished"]);
      const finished = seen.find((e) => e.jobId === ok.id && e.event === "finished");
      expect(finished).toMatchObject({ returnValue: { id: ok.id, queue: queue.name, worker: worker.name }, worker: worker.name });
      const progressValues = seen.filter((e) => e.event === "progress").map((e) => (e as { progress: unknown }).progress);
      expect(progressValues).toEqual([0.5, 1]);
      const failed = seen.find((e) => e.jobId === bad.id && e.event === "failed") as { error: string } | undefined;
      expect(failed?.error).toMatch(/TypeError: kaput$/);
    } finally {
      await events.close();
    }
  });

  it("reach pattern subscribers too (PSUBSCRIBE rq:events:*)", async () => {
    const { queue, worker } = setup();
    const listener = ctx.redis.duplicate();
    const seen: Array<{ event: string; job_id: string }> = [];
    listener.on("pmessage", (_pattern: string, _channel: string, message: string) => seen.push(JSON.parse(message)));
    await listener.psubscribe("rq:events:*");
    try {
      const job = await queue.enqueue(add, [1, 2]);
      await worker.run({ burst: true });
      await eventually(async () => seen.filter((e) => e.job_id === job.id).map((e) => e.event), (events) => events.length >= 2);
      expect(seen.filter((e) => e.job_id === job.id).map((e) => e.event)).toEqual(["started", "finished"]);
    } finally {
      listener.disconnect();
    }
  });

  it("are not published while nobody listens (no PUBLISH reaches Redis)", async () => {
    const { queue, worker } = setup();
    await ctx.redis.config("RESETSTAT");
    await queue.enqueueMany([1, 2, 3].map((n) => ({ task: add, args: [n, n] })));
    await worker.run({ burst: true });
    expect(await queue.finished.count()).toBe(3);
    const stats = await ctx.redis.info("commandstats");
    expect(stats).toMatch(/cmdstat_evalsha:/);
    expect(stats).not.toMatch(/cmdstat_publish:/);
  });
});

describe("scheduling", () => {
  it("enqueueIn writes RQ's scheduled state; a worker with the scheduler queues it when due", async () => {
    const { queue } = setup({ withScheduler: true, schedulerInterval: 100 });
    const job = await queue.enqueueIn("1s", add, [4, 4]);
    expect(job.status).toBe("scheduled");
    const hash = await ctx.redis.hgetall(`rq:job:${job.id}`);
    expect(hash.status).toBe("scheduled");
    expect(hash.enqueued_at).toBeUndefined();
    const score = Number(await ctx.redis.zscore(queue.scheduled.key, job.id));
    // whole seconds, rounded up so that the job never runs before it is due
    expect(score * 1000).toBeGreaterThanOrEqual(job.createdAt!.getTime() + 1000);
    expect(score * 1000).toBeLessThan(job.createdAt!.getTime() + 2000);
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, withScheduler: true, schedulerInterval: 100 });
    const running = runInBackground(worker);
    try {
      await expect(job.waitForResult({ timeout: "5s" })).resolves.toBe(8);
      expect(await ctx.redis.get(`rq:scheduler-lock:${queue.name}`)).toBe(worker.name);
      expect(await ctx.redis.hget(`rq:scheduler:${worker.name}`, "queues")).toBe(queue.name);
    } finally {
      await running.stop();
    }
    expect(await ctx.redis.exists(`rq:scheduler-lock:${queue.name}`)).toBe(0);
  });

  it("enqueueAt in the past is queued by the next tick; atFront puts it first", async () => {
    const { queue } = setup();
    const first = await queue.enqueue(add, [1, 1]);
    const due = await queue.enqueueAt(new Date(Date.now() - 60_000), add, [2, 2], { atFront: true });
    expect(await ctx.redis.hget(`rq:job:${due.id}`, "enqueue_at_front")).toBe("1");
    const order: string[] = [];
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, withScheduler: true });
    worker.on("job:started", (job) => order.push(job.id));
    await worker.run({ burst: true });
    expect(order).toEqual([due.id, first.id]);
  });

  it("only the holder of the scheduler lock moves a queue's due jobs", async () => {
    const { queue } = setup();
    await ctx.redis.set(`rq:scheduler-lock:${queue.name}`, "someone-else", "EX", 60);
    const job = await queue.enqueueAt(new Date(Date.now() - 1000), add, [1, 1]);
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, withScheduler: true });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("scheduled");
    expect(await ctx.redis.get(`rq:scheduler-lock:${queue.name}`)).toBe("someone-else");
  });

  it("rejects invalid dates and mixing dependencies with scheduling", async () => {
    const { queue } = setup();
    await expect(queue.enqueueAt(new Date("nope"), add, [1, 1])).rejects.toThrow(InvalidArgumentError);
    await expect(queue.enqueueIn("1m", add, [1, 1], { dependsOn: "x" })).rejects.toThrow(/dependsOn cannot be combined/);
  });
});

describe("throughput", () => {
  it("counts finished and failed jobs per queue and minute, for the dashboard's chart", async () => {
    const { queue, worker } = setup();
    await queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }, { task: boom, args: ["x"] }]);
    await worker.run({ burst: true });
    const points = await throughput(ctx.redis, queue.name, { minutes: 5 });
    expect(points).toHaveLength(5);
    expect(points.at(-1)).toMatchObject({ finished: 2, failed: 1 });
    expect(points.slice(0, -1).every((p) => p.finished === 0 && p.failed === 0)).toBe(true);
    expect(points.at(-1)!.minute.getTime() % 60_000).toBe(0);
    const [key] = await ctx.redis.keys(`rq:throughput:${queue.name}:*`);
    expect(await ctx.redis.ttl(key!)).toBeGreaterThan(7000);
  });
});
