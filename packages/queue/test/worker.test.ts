import { describe, expect, it } from "vitest";
import { zlibStore } from "../src/serializer.js";
import { InvalidArgumentError, Queue, Worker, WorkerNameTakenError, defineTask } from "../src/index.js";
import { add, allTasks, boom, echo, progress, sleep, sleepUntilAborted, stubborn, throwString } from "./fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

function setup(options: Partial<ConstructorParameters<typeof Worker>[1]> = {}, names = [uniqueQueue()]) {
  const queues = names.map((name) => new Queue(name, { connection: ctx.redis }));
  const worker = new Worker(names, { connection: ctx.redis, tasks: allTasks, logger: false, ...options });
  return { queue: queues[0]!, queues, worker };
}

/** Writes a job hash the way another producer (e.g. Python, or a buggy one) might. */
async function writeRawJob(queue: Queue, id: string, data: Buffer | string, extra: Record<string, string> = {}) {
  await ctx.redis
    .multi()
    .hset(`rq:job:${id}`, { data, status: "queued", origin: queue.name, created_at: "2026-11-28T06:54:07.188034Z", ...extra })
    .rpush(queue.key, id)
    .exec();
}

describe("running jobs", () => {
  it("runs queued jobs and records results, registries and the worker's counters", async () => {
    const { queue, worker } = setup();
    const ok = await queue.enqueue(add, [2, 3]);
    const bad = await queue.enqueue(boom, ["kaput"]);
    await worker.run({ burst: true });
    expect(await ok.getStatus()).toBe("finished");
    expect(await bad.getStatus()).toBe("failed");
    expect(await queue.finished.jobIds()).toEqual([ok.id]);
    expect(await queue.failed.jobIds()).toEqual([bad.id]);
    expect(await queue.started.count()).toBe(0);
    const hash = await ctx.redis.hgetall(`rq:worker:${worker.name}`);
    expect(hash).toMatchObject({ successful_job_count: "1", failed_job_count: "1", queues: queue.name });
  });

  it("expires finished jobs after result_ttl and failed ones after failure_ttl, scoring registries with the expiry", async () => {
    const { queue, worker } = setup();
    const ok = await queue.enqueue(add, [1, 1], { resultTtl: "600s" });
    const forever = await queue.enqueue(add, [1, 1], { resultTtl: -1 });
    const bad = await queue.enqueue(boom, ["x"]);
    const now = Math.floor(Date.now() / 1000);
    await worker.run({ burst: true });
    expect(await ctx.redis.ttl(`rq:job:${ok.id}`)).toBeGreaterThan(590);
    expect(await ctx.redis.ttl(`rq:results:${ok.id}`)).toBeGreaterThan(590);
    expect(Number(await ctx.redis.zscore(queue.finished.key, ok.id)) - now).toBeGreaterThanOrEqual(599);
    expect(await ctx.redis.zscore(queue.finished.key, forever.id)).toBe("inf");
    expect(await ctx.redis.ttl(`rq:job:${forever.id}`)).toBe(-1);
    expect(await ctx.redis.ttl(`rq:job:${bad.id}`)).toBeGreaterThan(31_535_000);
    // RQ leaves the failure's result stream without expiry unless failure_ttl was given
    expect(await ctx.redis.ttl(`rq:results:${bad.id}`)).toBe(-1);
  });

  it("deletes a job at once when result_ttl is 0", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(add, [1, 1], { resultTtl: 0 });
    await worker.run({ burst: true });
    expect(await ctx.redis.exists(`rq:job:${job.id}`)).toBe(0);
    expect(await queue.finished.count()).toBe(0);
  });

  it("takes jobs from its queues in priority order", async () => {
    const { queues, worker } = setup({}, [uniqueQueue("high"), uniqueQueue("low")]);
    const order: string[] = [];
    worker.on("job:started", (job) => order.push(job.queue));
    await queues[1]!.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [1, 1] }]);
    await queues[0]!.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [1, 1] }]);
    await worker.run({ burst: true });
    expect(order).toEqual([queues[0]!.name, queues[0]!.name, queues[1]!.name, queues[1]!.name]);
  });

  it("runs up to `concurrency` jobs at the same time in one process", async () => {
    const { queue, worker } = setup({ concurrency: 5 });
    let active = 0;
    let peak = 0;
    worker.on("job:started", () => (peak = Math.max(peak, ++active)));
    worker.on("job:finished", () => active--);
    await queue.enqueueMany(Array.from({ length: 10 }, () => ({ task: sleep, args: [100] })));
    await worker.run({ burst: true });
    expect(peak).toBe(5);
    expect(await queue.finished.count()).toBe(10);
  });

  it("runs one job at a time by default", async () => {
    const { queue, worker } = setup();
    const spans: Array<[number, number]> = [];
    const timed = defineTask("tests.timed", async () => {
      const start = Date.now();
      await new Promise((r) => setTimeout(r, 30));
      spans.push([start, Date.now()]);
    });
    const w = new Worker(queue.name, { connection: ctx.redis, tasks: [timed], logger: false });
    await queue.enqueueMany(Array.from({ length: 3 }, () => ({ task: timed, args: [] })));
    await w.run({ burst: true });
    spans.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    void worker;
  });

  it("stops after maxJobs", async () => {
    const { queue } = setup();
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, maxJobs: 2 });
    await queue.enqueueMany(Array.from({ length: 5 }, () => ({ task: add, args: [1, 1] })));
    await worker.run();
    expect(await queue.finished.count()).toBe(2);
    expect(await queue.count()).toBe(3);
  });

  it("passes Python keyword arguments as a final object argument", async () => {
    const { queue, worker } = setup();
    await writeRawJob(queue, "py-kwargs", zlibStore(Buffer.from('["tests.echo", null, [1, "a"], {"depth": 2}]')));
    await worker.run({ burst: true });
    expect(await (await queue.fetchJob("py-kwargs"))!.returnValue()).toEqual([1, "a", { depth: 2 }]);
  });

  it("wakes from a blocking wait as soon as a job is enqueued", async () => {
    const { queues, worker } = setup({}, [uniqueQueue("a"), uniqueQueue("b")]);
    const running = runInBackground(worker);
    try {
      await eventually(() => ctx.redis.hget(`rq:worker:${worker.name}`, "state"), (s) => s === "idle");
      const job = await queues[1]!.enqueue(echo, ["hello"]);
      await expect(job.waitForResult({ timeout: "3s" })).resolves.toEqual(["hello"]);
      const next = await queues[0]!.enqueue(echo, ["again"]);
      await expect(next.waitForResult({ timeout: "3s" })).resolves.toEqual(["again"]);
    } finally {
      await running.stop();
    }
    expect(await ctx.redis.llen(`rq:queue:${queues[0]!.name}:intermediate`)).toBe(0);
  });
});

describe("the job's context", () => {
  it("gives the handler its id, queue, worker, meta and progress through currentJob()", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(progress, [4], { meta: { owner: "test" } });
    await worker.run({ burst: true });
    expect(await job.returnValue()).toEqual({ id: job.id, queue: queue.name, worker: worker.name });
    await job.refresh();
    expect(job.meta).toEqual({ owner: "test", progress: 1, note: "written by the handler" });
  });
});

describe("timeouts", () => {
  it("aborts the handler's signal and fails the job with RQ's timeout text", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(sleepUntilAborted, [10_000], { timeout: "1s" });
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("failed");
    expect((await job.latestResult())?.excString).toMatch(/JobTimeoutError: Task exceeded maximum timeout value \(1 seconds\)$/);
  });

  it("fails the job at its timeout even when the handler ignores the signal", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(stubborn, [3_000], { timeout: "1s" });
    const started = Date.now();
    await worker.run({ burst: true });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await job.getStatus()).toBe("failed");
  });
});

describe("bad input fails the job with a clear message and the worker lives on", () => {
  it.each([
    ["an unknown task name", '["no.such.task", null, [], {}]', /UnknownTaskError: No task named "no\.such\.task" is registered with this worker \(registered: .*"tests\.add"/],
    ["undecodable data", Buffer.from([0x78, 0x9c, 0xff, 0x00, 0x13]), /MalformedJobError: The job's `data` is not JSON/],
    ["arguments that are not a list", '["tests.add", null, {"a": 1}, {}]', /MalformedJobError: The job's arguments must be a JSON array/],
    ["too few arguments", '["tests.add", null, [1], {}]', /InvalidArgumentError: Task "tests\.add" takes 2 argument\(s\) but the job has 1/],
  ])("%s", async (_, data, message) => {
    const { queue, worker } = setup();
    await writeRawJob(queue, "bad-1", typeof data === "string" ? zlibStore(Buffer.from(data)) : data);
    const good = await queue.enqueue(add, [1, 2]);
    await worker.run({ burst: true });
    const bad = (await queue.fetchJob("bad-1"))!;
    expect(bad.status).toBe("failed");
    expect((await bad.latestResult())?.excString).toMatch(message);
    expect(await good.returnValue()).toBe(3);
  });

  it("a handler that throws something that is not an Error", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(throwString, []);
    await worker.run({ burst: true });
    expect((await job.latestResult())?.excString).toMatch(/NonErrorThrown: A non-Error value was thrown: not an Error object$/);
  });

  it("an id whose hash is gone is skipped, as RQ does", async () => {
    const { queue, worker } = setup();
    await ctx.redis.rpush(queue.key, "ghost");
    const job = await queue.enqueue(add, [1, 1]);
    await worker.run({ burst: true });
    expect(await job.getStatus()).toBe("finished");
    expect(await ctx.redis.exists("rq:job:ghost")).toBe(0);
  });
});

describe("registration", () => {
  it("registers as RQ does while running and records its death after", async () => {
    const { queue, worker } = setup({ name: "reg-worker" });
    const running = runInBackground(worker);
    const key = "rq:worker:reg-worker";
    const hash = await eventually(() => ctx.redis.hgetall(key), (h) => h.state === "idle");
    expect(hash).toMatchObject({ queues: queue.name, pid: String(process.pid), version: expect.any(String) });
    expect(hash.birth).toMatch(/Z$/);
    expect(hash.ip_address).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(await ctx.redis.sismember("rq:workers", key)).toBe(1);
    expect(await ctx.redis.sismember(`rq:workers:${queue.name}`, key)).toBe(1);
    expect(await ctx.redis.ttl(key)).toBeGreaterThan(400);
    await running.stop();
    expect(await ctx.redis.hget(key, "death")).toMatch(/Z$/);
    expect(await ctx.redis.sismember("rq:workers", key)).toBe(0);
    expect(await ctx.redis.ttl(key)).toBeLessThanOrEqual(60);
  });

  it("refuses a name that a live worker holds", async () => {
    const { worker, queue } = setup({ name: "twin" });
    const running = runInBackground(worker);
    try {
      await eventually(() => ctx.redis.exists("rq:worker:twin"), (n) => n === 1);
      const twin = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, name: "twin" });
      await expect(twin.run({ burst: true })).rejects.toThrow(WorkerNameTakenError);
    } finally {
      await running.stop();
    }
  });

  it("registers again when its key is gone (Redis lost its data), and goes on running jobs", async () => {
    const { queue, worker } = setup({ name: "reborn", heartbeatInterval: 200 });
    const running = runInBackground(worker);
    try {
      const key = "rq:worker:reborn";
      const born = await eventually(() => ctx.redis.hget(key, "birth"), (birth) => birth !== null);
      await ctx.redis.del(key);
      await ctx.redis.srem("rq:workers", key);
      await ctx.redis.hset(key, "state", "idle"); // a state write that landed after the loss: a remnant, not a registration
      const hash = await eventually(() => ctx.redis.hgetall(key), (h) => h.birth !== undefined, 5_000);
      expect(hash).toMatchObject({ queues: queue.name, pid: String(process.pid) });
      expect(hash.birth! >= born!).toBe(true);
      expect(await ctx.redis.sismember("rq:workers", key)).toBe(1);
      expect(await ctx.redis.sismember(`rq:workers:${queue.name}`, key)).toBe(1);
      const job = await queue.enqueue(add, [2, 2]);
      await expect(job.waitForResult({ timeout: "5s" })).resolves.toBe(4);
    } finally {
      await running.stop();
    }
  });

  it("rejects bad options", () => {
    expect(() => new Worker([], { connection: ctx.redis, tasks: [] })).toThrow(InvalidArgumentError);
    expect(() => new Worker("q", { connection: ctx.redis, tasks: [], concurrency: 0 })).toThrow(/concurrency/);
    expect(() => new Worker("q", { connection: ctx.redis, tasks: [{} as never] })).toThrow(/defineTask/);
  });
});

describe("suspension", () => {
  it("a burst worker exits without taking jobs while rq:suspended is set", async () => {
    const { queue, worker } = setup();
    await queue.enqueue(add, [1, 1]);
    await ctx.redis.set("rq:suspended", "1");
    try {
      await worker.run({ burst: true });
      expect(await queue.count()).toBe(1);
    } finally {
      await ctx.redis.del("rq:suspended");
    }
  });

  it("a worker waits while suspended and goes on after resume", async () => {
    const { queue, worker } = setup();
    await ctx.redis.set("rq:suspended", "1");
    const running = runInBackground(worker);
    try {
      const job = await queue.enqueue(add, [1, 1]);
      await eventually(() => ctx.redis.hget(`rq:worker:${worker.name}`, "state"), (s) => s === "suspended");
      expect(await job.getStatus()).toBe("queued");
      await ctx.redis.del("rq:suspended");
      await expect(job.waitForResult({ timeout: "5s" })).resolves.toBe(2);
    } finally {
      await ctx.redis.del("rq:suspended");
      await running.stop();
    }
  });
});

describe("stopping in-process", () => {
  it("warm stop lets running jobs finish and starts no new one", async () => {
    const { queue, worker } = setup();
    const first = await queue.enqueue(sleep, [300]);
    const second = await queue.enqueue(sleep, [300]);
    const running = runInBackground(worker);
    await eventually(() => first.getStatus(), (s) => s === "started");
    await running.stop();
    expect(await first.getStatus()).toBe("finished");
    expect(await second.getStatus()).toBe("queued");
  });

  it("cold stop aborts running jobs and records them as failed at once", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(stubborn, [10_000]);
    const running = runInBackground(worker);
    await eventually(() => job.getStatus(), (s) => s === "started");
    const started = Date.now();
    await running.stop(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await job.getStatus()).toBe("failed");
    expect((await job.latestResult())?.excString).toMatch(/shut down cold/);
    expect(await queue.started.count()).toBe(0);
  });
});
