import { describe, expect, it } from "vitest";
import {
  InvalidJobOperationError,
  Job,
  JobFailedError,
  NoSuchJobError,
  Queue,
  ResultTimeoutError,
  Worker,
} from "../src/index.js";
import { add, allTasks, boom, nothing, sleep } from "./fixtures/tasks.js";
import { runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

function setup() {
  const name = uniqueQueue();
  const queue = new Queue(name, { connection: ctx.redis });
  const worker = new Worker(name, { connection: ctx.redis, tasks: allTasks, logger: false });
  return { queue, worker, burst: () => worker.run({ burst: true }) };
}

describe("Job.fetch and refresh", () => {
  it("loads a job by id and reads its fields", async () => {
    const { queue } = setup();
    const enqueued = await queue.enqueue(add, [2, 3], { description: "add", meta: { k: 1 }, timeout: "30s" });
    const job = await Job.fetch(ctx.redis, enqueued.id);
    expect(job).toMatchObject({ id: enqueued.id, taskName: "tests.add", args: [2, 3], kwargs: {}, origin: queue.name, description: "add", timeout: 30 });
    expect(job.status).toBe("queued");
    expect(job.meta).toEqual({ k: 1 });
    expect(job.createdAt).toBeInstanceOf(Date);
    expect(job.enqueuedAt).toBeInstanceOf(Date);
    expect(job.startedAt).toBeUndefined();
  });

  it("throws NoSuchJobError for an unknown id", async () => {
    await expect(Job.fetch(ctx.redis, "nope")).rejects.toThrow(NoSuchJobError);
    await expect(Job.fetch(ctx.redis, "nope")).rejects.toThrow(/No job with id "nope"/);
  });

  it("refresh reloads what a worker wrote", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(add, [2, 3]);
    await burst();
    await job.refresh();
    expect(job.status).toBe("finished");
    expect(job.startedAt).toBeInstanceOf(Date);
    expect(job.endedAt).toBeInstanceOf(Date);
    expect(job.workerName).not.toBe("");
  });

  it("getStatus asks Redis, and throws once the job is gone", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    expect(await job.getStatus()).toBe("queued");
    await job.delete();
    await expect(job.getStatus()).rejects.toThrow(NoSuchJobError);
  });
});

describe("results", () => {
  it("returnValue gives the newest success, latestResult its details", async () => {
    const { queue, burst, worker } = setup();
    const job = await queue.enqueue(add, [20, 22]);
    await burst();
    expect(await job.returnValue()).toBe(42);
    const result = await job.latestResult();
    expect(result).toMatchObject({ type: "successful", returnValue: 42, workerName: worker.name });
    expect(result?.executionId).toMatch(/^[0-9a-f]{32}$/);
    expect(result?.executionStartedAt).toBeInstanceOf(Date);
  });

  it("a failed job has no return value and a result with the error text", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(boom, ["kaput"]);
    await burst();
    expect(await job.returnValue()).toBeNull();
    const result = await job.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString?.trimEnd().split("\n").at(-1)).toBe("TypeError: kaput");
  });

  it("a task returning nothing stores no return_value, as RQ does for None", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(nothing, []);
    await burst();
    const [[, fields]] = (await ctx.redis.xrange(`rq:results:${job.id}`, "-", "+")) as [[string, string[]]];
    expect(fields).not.toContain("return_value");
    expect(await job.returnValue()).toBeNull();
  });

  it("keeps a history of results, newest first", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(boom, ["first"]);
    await burst();
    await job.requeue();
    await burst();
    const history = await job.results();
    expect(history).toHaveLength(2);
    expect(history.map((r) => r.type)).toEqual(["failed", "failed"]);
    expect(history[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(history[1]!.createdAt.getTime());
  });

  it("a job that has not run has no result", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    expect(await job.latestResult()).toBeNull();
    expect(await job.results()).toEqual([]);
  });
});

describe("waitForResult", () => {
  it("resolves with the value once a worker finishes the job", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(sleep, [100]);
    const running = runInBackground(worker);
    try {
      await expect(job.waitForResult({ timeout: "5s" })).resolves.toBe(100);
    } finally {
      await running.stop();
    }
  });

  it("resolves at once for a job that finished already", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(add, [1, 2]);
    await burst();
    await expect(job.waitForResult({ timeout: 100 })).resolves.toBe(3);
  });

  it("rejects with JobFailedError carrying the job's error", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["bad input"]);
    const waiting = job.waitForResult({ timeout: "5s" });
    const running = runInBackground(worker);
    try {
      const error = await waiting.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobFailedError);
      expect((error as JobFailedError).message).toMatch(/TypeError: bad input/);
      expect((error as JobFailedError).excString).toMatch(/TypeError: bad input$/);
    } finally {
      await running.stop();
    }
  });

  it("rejects with ResultTimeoutError when nobody runs the job in time", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 2]);
    await expect(job.waitForResult({ timeout: 150 })).rejects.toThrow(ResultTimeoutError);
  });

  it("rejects with NoSuchJobError for a job that does not exist", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 2]);
    await job.delete();
    await expect(job.waitForResult({ timeout: 100 })).rejects.toThrow(NoSuchJobError);
  });
});

describe("cancel", () => {
  it("moves a queued job to the canceled registry and off its queue", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    const other = await queue.enqueue(add, [2, 2]);
    await job.cancel();
    expect(await job.getStatus()).toBe("canceled");
    expect(await queue.jobIds()).toEqual([other.id]);
    expect(await queue.canceled.jobIds()).toEqual([job.id]);
  });

  it("refuses to cancel a job that already ended, or twice", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    await burst();
    await expect(job.cancel()).rejects.toThrow(InvalidJobOperationError);
    const second = await queue.enqueue(add, [1, 1]);
    await second.cancel();
    await expect(second.cancel()).rejects.toThrow(/is canceled and cannot be canceled/);
  });
});

describe("requeue", () => {
  it("puts a failed job back on its queue, and a worker runs it again", async () => {
    const { queue, burst } = setup();
    const job = await queue.enqueue(boom, ["once"]);
    await burst();
    expect(await queue.failed.jobIds()).toEqual([job.id]);
    await job.requeue();
    expect(await job.getStatus()).toBe("queued");
    expect(await queue.failed.count()).toBe(0);
    expect(await queue.jobIds()).toEqual([job.id]);
    expect(await ctx.redis.ttl(`rq:job:${job.id}`)).toBe(-1);
    const hash = await ctx.redis.hgetall(`rq:job:${job.id}`);
    expect(hash).toMatchObject({ started_at: "", ended_at: "", worker_name: "" });
  });

  it("refuses to requeue a job that did not fail", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1]);
    await expect(job.requeue()).rejects.toThrow(InvalidJobOperationError);
    await expect(job.requeue()).rejects.toThrow(/only failed or stopped jobs can be requeued/);
  });
});

describe("delete", () => {
  it("removes the job everywhere: queue, registries, results and hash", async () => {
    const { queue, burst } = setup();
    const done = await queue.enqueue(add, [1, 1]);
    await burst();
    const waiting = await queue.enqueue(add, [2, 2]);
    await done.delete();
    await waiting.delete();
    expect(await queue.count()).toBe(0);
    expect(await queue.finished.count()).toBe(0);
    expect(await ctx.redis.exists(`rq:job:${done.id}`, `rq:results:${done.id}`, `rq:job:${waiting.id}`)).toBe(0);
  });
});

describe("meta", () => {
  it("saveMeta stores only meta, and refuses to recreate a deleted job", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(add, [1, 1], { meta: { a: 1 } });
    job.meta.b = 2;
    await job.saveMeta();
    expect(JSON.parse((await ctx.redis.hget(`rq:job:${job.id}`, "meta"))!)).toEqual({ a: 1, b: 2 });
    await job.delete();
    await expect(job.saveMeta()).rejects.toThrow(NoSuchJobError);
    expect(await ctx.redis.exists(`rq:job:${job.id}`)).toBe(0);
  });
});
