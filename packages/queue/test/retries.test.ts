import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Queue, UnrecoverableError, Worker, defineTask } from "../src/index.js";
import { backoffIntervals } from "../src/job-options.js";
import { maintainQueue } from "../src/worker/maintenance.js";
import { allTasks, boom } from "./fixtures/tasks.js";
import { fastTimings, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

let attempts = 0;
const flaky = defineTask("tests.flaky", (failures: number) => {
  attempts++;
  if (attempts <= failures) throw new Error(`attempt ${attempts} failed`);
  return attempts;
});
const hopeless = defineTask("tests.hopeless", () => {
  throw new UnrecoverableError("the address does not exist");
});

function setup() {
  const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
  const worker = new Worker(queue.name, {
    connection: ctx.redis,
    tasks: [...allTasks, flaky, hopeless],
    logger: false,
    withScheduler: true,
    schedulerInterval: 100,
  });
  return { queue, worker };
}

describe("retry", () => {
  it("stores retries as RQ does: retries_left and retry_intervals in seconds", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(boom, ["x"], { retry: { max: 2, intervals: ["30s", 60_000] } });
    expect(await ctx.redis.hmget(`rq:job:${job.id}`, "retries_left", "retry_intervals")).toEqual(["2", "[30,60]"]);
    const plain = await queue.enqueue(boom, ["x"], { retry: { max: 1 } });
    expect(await ctx.redis.hmget(`rq:job:${plain.id}`, "retries_left", "retry_intervals")).toEqual(["1", "[0]"]);
  });

  it("re-enqueues at once with interval 0 and succeeds on a later attempt", async () => {
    const { queue, worker } = setup();
    attempts = 0;
    const job = await queue.enqueue(flaky, [2], { retry: { max: 3 } });
    const retried: string[] = [];
    worker.on("job:retrying", (j) => retried.push(j.id));
    await worker.run({ burst: true });
    expect(await job.returnValue()).toBe(3);
    expect(retried).toEqual([job.id, job.id]);
    await job.refresh();
    expect(job.status).toBe("finished");
    expect(job.retriesLeft).toBe(1);
    expect(job.attempts).toBe(3);
    // RQ writes no result for a retried attempt
    expect((await job.results()).map((r) => r.type)).toEqual(["successful"]);
  });

  it("fails for good once retries run out, recording how many attempts ran", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["always"], { retry: { max: 2 } });
    await worker.run({ burst: true });
    await job.refresh();
    expect(job.status).toBe("failed");
    expect(job.retriesLeft).toBe(0);
    expect(job.attempts).toBe(3);
    expect(await queue.failed.jobIds()).toEqual([job.id]);
  });

  it("schedules a retry with an interval, and the scheduler queues it when due", async () => {
    const { queue, worker } = setup();
    attempts = 0;
    const job = await queue.enqueue(flaky, [1], { retry: { max: 1, intervals: "1s" } });
    const done = worker.run();
    try {
      const scheduled = await new Promise<number>((resolve) =>
        worker.once("job:retrying", async () => resolve(Number(await ctx.redis.zscore(queue.scheduled.key, job.id)))),
      );
      expect(scheduled - Date.now() / 1000).toBeGreaterThan(-0.5);
      expect(await job.getStatus()).toBe("scheduled");
      await expect(job.waitForResult({ timeout: "5s" })).resolves.toBe(2);
    } finally {
      worker.stop();
      await done;
    }
  });

  it("uses RQ's interval indexing: the first value repeats while more retries than values are left", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["x"], { retry: { max: 3, intervals: ["100s", "200s"] } });
    const delays: number[] = [];
    worker.on("job:retrying", async () => {
      delays.push(Number(await ctx.redis.zscore(queue.scheduled.key, job.id)) - Math.floor(Date.now() / 1000));
      await ctx.redis.multi().zrem(queue.scheduled.key, job.id).rpush(queue.key, job.id).exec(); // skip the wait
    });
    await worker.run({ burst: true });
    while ((await job.getStatus()) !== "failed") await worker.run({ burst: true });
    expect(delays.map((d) => Math.round(d / 100) * 100)).toEqual([100, 100, 200]);
  });

  it("computes exponential backoff capped by maxDelay, and stores it as RQ's list", async () => {
    expect(backoffIntervals({ type: "exponential", delay: "1s" }, 4)).toEqual([1, 2, 4, 8]);
    expect(backoffIntervals({ type: "exponential", delay: "10s", maxDelay: "25s" }, 4)).toEqual([10, 20, 25, 25]);
    expect(backoffIntervals({ type: "fixed", delay: "5s" }, 3)).toEqual([5, 5, 5]);
    const { queue } = setup();
    const job = await queue.enqueue(boom, ["x"], { retry: { max: 3, backoff: { type: "exponential", delay: "2s", jitter: true } } });
    expect(await ctx.redis.hmget(`rq:job:${job.id}`, "retry_intervals", "retry_jitter")).toEqual(["[2,4,8]", "1"]);
  });

  it("jitter shortens each wait by a random share", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(boom, ["x"], { retry: { max: 1, backoff: { type: "fixed", delay: "100s", jitter: 0.5 } } });
    await worker.run({ burst: true });
    const due = Number(await ctx.redis.zscore(queue.scheduled.key, job.id)) - Date.now() / 1000;
    expect(due).toBeGreaterThan(48);
    expect(due).toBeLessThanOrEqual(101);
  });

  it("never retries a handler that throws UnrecoverableError", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue(hopeless, [], { retry: { max: 5 } });
    await worker.run({ burst: true });
    await job.refresh();
    expect(job.status).toBe("failed");
    expect(job.retriesLeft).toBe(5);
    expect((await job.latestResult())?.excString).toMatch(/UnrecoverableError: the address does not exist$/);
  });

  it("retries an abandoned job that has retries left", async () => {
    const { queue } = setup();
    const job = await queue.enqueue(boom, ["x"], { retry: { max: 1 } });
    await ctx.redis
      .multi()
      .lrem(queue.key, 0, job.id)
      .hset(`rq:job:${job.id}`, "status", "started")
      .zadd(queue.started.key, 1, `${job.id}:${"c".repeat(32)}`)
      .exec();
    const report = await maintainQueue(ctx.redis, queue.name, "m", fastTimings.intermediateGrace);
    expect(report?.abandoned).toEqual([job.id]);
    expect(await job.getStatus()).toBe("queued");
    expect(await queue.jobIds()).toEqual([job.id]);
  });

  it.each([
    [{ max: 0 }, /retry.max must be a whole number ≥ 1/],
    [{ max: 2, intervals: [] }, /must not be empty/],
    [{ max: 2, intervals: ["-1s"] }, /not a duration/],
    [{ max: 2, backoff: { type: "linear", delay: 1 } }, /backoff.type/],
    [{ max: 2, backoff: { type: "fixed", delay: 1000, jitter: 2 } }, /jitter/],
  ])("rejects the retry option %j", async (retry, message) => {
    const { queue } = setup();
    await expect(queue.enqueue(boom, ["x"], { retry: retry as never })).rejects.toThrow(InvalidArgumentError);
    await expect(queue.enqueue(boom, ["x"], { retry: retry as never })).rejects.toThrow(message);
  });
});
