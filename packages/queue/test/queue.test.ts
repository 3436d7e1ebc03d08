import { describe, expect, it } from "vitest";
import { inflateSync } from "node:zlib";
import { InvalidArgumentError, Queue, defineTask } from "../src/index.js";
import { add, echo } from "./fixtures/tasks.js";
import { uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();
const queueFor = (name = uniqueQueue()) => new Queue(name, { connection: ctx.redis });

describe("Queue.enqueue", () => {
  it("writes the job hash with RQ 2.10's fields and pushes the id", async () => {
    const queue = queueFor();
    const job = await queue.enqueue(add, [2, 3]);
    const hash = await ctx.redis.hgetall(`rq:job:${job.id}`);
    expect(Object.keys(hash).sort()).toEqual(
      [
        "created_at", "data", "description", "ended_at", "enqueued_at", "failure_callback_name", "group_id",
        "last_heartbeat", "origin", "started_at", "status", "stopped_callback_name", "success_callback_name",
        "timeout", "worker_name",
      ].sort(),
    );
    expect(hash).toMatchObject({ status: "queued", origin: queue.name, timeout: "180", description: "tests.add(2, 3)", worker_name: "" });
    expect(hash.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const data = await ctx.redis.hgetBuffer(`rq:job:${job.id}`, "data");
    expect(JSON.parse(inflateSync(data!).toString())).toEqual(["tests.add", null, [2, 3], {}]);
    expect(await ctx.redis.lrange(queue.key, 0, -1)).toEqual([job.id]);
    expect(await ctx.redis.smembers("rq:queues")).toContain(`rq:queue:${queue.name}`);
    expect(await ctx.redis.ttl(`rq:job:${job.id}`)).toBe(-1);
  });

  it("gives each job a UUID id unless one is given", async () => {
    const queue = queueFor();
    const job = await queue.enqueue(add, [1, 1]);
    expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const named = await queue.enqueue(add, [1, 1], { jobId: "my-job_1" });
    expect(named.id).toBe("my-job_1");
  });

  it("stores durations as RQ's whole seconds and the queued-job TTL as an expiry", async () => {
    const queue = queueFor();
    const job = await queue.enqueue(add, [1, 2], { timeout: "30s", resultTtl: 600_000, failureTtl: "2h", ttl: "1h" });
    const hash = await ctx.redis.hgetall(`rq:job:${job.id}`);
    expect(hash).toMatchObject({ timeout: "30", result_ttl: "600", failure_ttl: "7200", ttl: "3600" });
    const ttl = await ctx.redis.ttl(`rq:job:${job.id}`);
    expect(ttl).toBeGreaterThan(3590);
    expect(ttl).toBeLessThanOrEqual(3600);
  });

  it("stores -1 for 'no limit' and 'keep forever'", async () => {
    const job = await queueFor().enqueue(add, [1, 2], { timeout: -1, resultTtl: -1, failureTtl: "never" });
    expect(await ctx.redis.hmget(`rq:job:${job.id}`, "timeout", "result_ttl", "failure_ttl")).toEqual(["-1", "-1", "-1"]);
  });

  it("keeps meta as plain JSON and the description given", async () => {
    const job = await queueFor().enqueue(add, [2, 3], { meta: { owner: "ts" }, description: "add two numbers" });
    expect(await ctx.redis.hget(`rq:job:${job.id}`, "meta")).toBe('{"owner":"ts"}');
    expect(await ctx.redis.hget(`rq:job:${job.id}`, "description")).toBe("add two numbers");
    expect(job.meta).toEqual({ owner: "ts" });
  });

  it("puts atFront jobs at the head of the queue", async () => {
    const queue = queueFor();
    const first = await queue.enqueue(add, [1, 1]);
    const front = await queue.enqueue(add, [2, 2], { atFront: true });
    expect(await queue.jobIds()).toEqual([front.id, first.id]);
  });

  it("keeps call order within one enqueueMany mixing atFront and plain jobs, as one enqueue after another would", async () => {
    const queue = queueFor();
    const waiting = await queue.enqueue(add, [0, 0]);
    const [a, b, c, d] = await queue.enqueueMany([
      { task: add, args: [1, 1] },
      { task: add, args: [2, 2], options: { atFront: true } },
      { task: add, args: [3, 3] },
      { task: add, args: [4, 4], options: { atFront: true } },
    ]);
    expect(await queue.jobIds()).toEqual([d!.id, b!.id, waiting.id, a!.id, c!.id]);
  });

  it("writes RQ's always-present fields, empty until set, and a callback name given with one job", async () => {
    const queue = queueFor();
    const [plain, withCallback] = await queue.enqueueMany([
      { task: add, args: [1, 1] },
      { task: add, args: [2, 2], options: { onSuccess: "tests.on-ok" } },
    ]);
    const hash = await ctx.redis.hgetall(`rq:job:${plain!.id}`);
    for (const field of ["success_callback_name", "failure_callback_name", "stopped_callback_name", "started_at", "ended_at", "last_heartbeat", "worker_name", "group_id"]) {
      expect(hash[field], field).toBe("");
    }
    expect(await ctx.redis.hget(`rq:job:${withCallback!.id}`, "success_callback_name")).toBe("tests.on-ok");
    expect(await ctx.redis.hget(`rq:job:${withCallback!.id}`, "failure_callback_name")).toBe("");
  });

  it("sends 1,000 concurrent enqueue calls as 10 script calls of 100 jobs each, in call order", async () => {
    const queue = queueFor();
    await queue.enqueue(add, [0, 0]); // the script is loaded: every later call is one EVALSHA
    await ctx.redis.config("RESETSTAT");
    const jobs = await Promise.all(Array.from({ length: 1_000 }, (_, i) => queue.enqueue(add, [i, i])));
    const calls = Number(/cmdstat_evalsha:calls=(\d+)/.exec(await ctx.redis.info("commandstats"))?.[1]);
    expect(calls).toBe(10);
    expect((await queue.jobIds()).slice(1)).toEqual(jobs.map((job) => job.id));
  });

  it("enqueues by task name for tasks defined elsewhere (e.g. in Python)", async () => {
    const queue = queueFor();
    const job = await queue.enqueue("probe_tasks.add", [20, 22]);
    expect(job.taskName).toBe("probe_tasks.add");
    expect((await queue.fetchJob(job.id))?.args).toEqual([20, 22]);
  });

  it("replaces an older hash under the same id instead of merging fields into it", async () => {
    const queue = queueFor();
    await queue.enqueue(add, [1, 1], { jobId: "same-id", meta: { old: true }, resultTtl: 5000 });
    await queue.enqueue(add, [2, 2], { jobId: "same-id" });
    const hash = await ctx.redis.hgetall("rq:job:same-id");
    expect(hash.meta).toBeUndefined();
    expect(hash.result_ttl).toBeUndefined();
  });

  it.each([
    [{ jobId: "has:colon" }, /jobId/],
    [{ jobId: "spaces here" }, /jobId/],
    [{ timeout: 0 }, /timeout must be greater than 0/],
    [{ timeout: "soon" }, /timeout "soon" is not a duration/],
    [{ ttl: -1 }, /ttl cannot be unlimited/],
    [{ meta: [] as unknown as Record<string, unknown> }, /meta must be a plain object/],
  ])("rejects invalid options %j with an InvalidArgumentError", async (options, message) => {
    const queue = queueFor();
    await expect(queue.enqueue(add, [1, 1], options)).rejects.toThrow(InvalidArgumentError);
    await expect(queue.enqueue(add, [1, 1], options)).rejects.toThrow(message);
    expect(await queue.count()).toBe(0);
  });

  it("rejects arguments that are not an array or cannot be JSON", async () => {
    const queue = queueFor();
    await expect(queue.enqueue("t.x", "nope" as unknown as unknown[])).rejects.toThrow(/must be an array/);
    await expect(queue.enqueue("t.x", [10n])).rejects.toThrow(/cannot be stored as JSON/);
    expect(await queue.count()).toBe(0);
  });

  it("rejects invalid queue names and a missing connection", () => {
    expect(() => new Queue("has space", { connection: ctx.redis })).toThrow(InvalidArgumentError);
    expect(() => new Queue("", { connection: ctx.redis })).toThrow(InvalidArgumentError);
    expect(() => new Queue("ok", {} as never)).toThrow(/pass an ioredis connection/);
  });

  it("validates task names in defineTask", () => {
    expect(() => defineTask("has space", () => 1)).toThrow(InvalidArgumentError);
    expect(() => defineTask("ok.name", "nope" as never)).toThrow(/handler must be a function/);
  });

  it("uses the queue's default timeout", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis, defaultTimeout: "10m" });
    const job = await queue.enqueue(add, [1, 1]);
    expect(job.timeout).toBe(600);
  });
});

describe("Queue.enqueueMany", () => {
  it("enqueues a batch in order with each job's own options", async () => {
    const queue = queueFor();
    const jobs = await queue.enqueueMany([
      { task: add, args: [1, 2] },
      { task: echo, args: ["x"], options: { jobId: "echo-1", meta: { n: 1 } } },
      { task: "py.fn", args: [] },
    ]);
    expect(jobs.map((j) => j.id)).toEqual([jobs[0]!.id, "echo-1", jobs[2]!.id]);
    expect(await queue.jobIds()).toEqual(jobs.map((j) => j.id));
    expect((await queue.fetchJob("echo-1"))?.meta).toEqual({ n: 1 });
  });

  it("writes thousands of jobs across several script calls", async () => {
    const queue = queueFor();
    const specs = Array.from({ length: 2_500 }, (_, i) => ({ task: add, args: [i, i] }));
    const jobs = await queue.enqueueMany(specs);
    expect(await queue.count()).toBe(2_500);
    expect((await queue.jobIds({ start: 0, end: 0 }))[0]).toBe(jobs[0]!.id);
  });

  it("writes nothing when one entry is invalid", async () => {
    const queue = queueFor();
    await expect(queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [1, 1], options: { jobId: "bad id" } }])).rejects.toThrow(
      InvalidArgumentError,
    );
    expect(await queue.count()).toBe(0);
  });
});

describe("reading and emptying a queue", () => {
  it("counts and pages job ids without loading the whole list", async () => {
    const queue = queueFor();
    const jobs = await queue.enqueueMany(Array.from({ length: 5 }, (_, i) => ({ task: add, args: [i, 0] })));
    expect(await queue.count()).toBe(5);
    expect(await queue.jobIds({ start: 1, end: 2 })).toEqual([jobs[1]!.id, jobs[2]!.id]);
  });

  it("fetches a job by id, or null when it does not exist", async () => {
    const queue = queueFor();
    const job = await queue.enqueue(add, [4, 5]);
    const fetched = await queue.fetchJob(job.id);
    expect(fetched?.args).toEqual([4, 5]);
    expect(fetched?.status).toBe("queued");
    expect(await queue.fetchJob("missing")).toBeNull();
  });

  it("empties a queue: ids and their hashes go", async () => {
    const queue = queueFor();
    const jobs = await queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }]);
    expect(await queue.empty()).toBe(2);
    expect(await queue.count()).toBe(0);
    expect(await ctx.redis.exists(`rq:job:${jobs[0]!.id}`, `rq:job:${jobs[1]!.id}`)).toBe(0);
  });

  it("deletes a queue from rq:queues", async () => {
    const queue = queueFor();
    await queue.enqueue(add, [1, 1]);
    await queue.delete();
    expect(await ctx.redis.exists(queue.key)).toBe(0);
    expect(await ctx.redis.sismember("rq:queues", queue.key)).toBe(0);
  });
});

describe("deleting a queue", () => {
  it("also drops its throughput counters", async () => {
    const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
    const minute = Math.floor(Date.now() / 60_000) * 60;
    await ctx.redis.hset(`rq:throughput:${queue.name}:${minute}`, "finished", "3");
    await ctx.redis.hset(`rq:throughput:${queue.name}:${minute - 3600}`, "failed", "1");
    await queue.delete();
    expect(await ctx.redis.keys(`rq:throughput:${queue.name}:*`)).toEqual([]);
  });
});
