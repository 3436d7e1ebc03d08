/**
 * Features that involve more than one process, each run with workers in child processes
 * (test/fixtures/worker-main.ts) and the producer, subscriber or stopper in this one.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Queue, QueueEvents, type QueueEvent } from "../src/index.js";
import { add, progress, sleep, sleepUntilAborted } from "./fixtures/tasks.js";
import { killAllWorkers, spawnWorker, type SpawnWorkerOptions } from "./fixtures/spawn-worker.js";
import { eventually, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();
afterEach(killAllWorkers);

async function startChild(queues: string[], options: Partial<SpawnWorkerOptions> = {}) {
  const child = spawnWorker({ redisUrl: ctx.server.url, queues, ...options });
  await child.ready();
  return child;
}

describe("across worker processes", () => {
  it("a child job waiting on a parent run by one worker process is released to, and run by, another", async () => {
    const parents = new Queue(uniqueQueue("parents"), { connection: ctx.redis });
    const children = new Queue(uniqueQueue("children"), { connection: ctx.redis });
    const a = await startChild([parents.name]);
    const b = await startChild([children.name]);
    // a slow parent, so that the child is surely enqueued while the parent runs
    const parent = await parents.enqueue(sleep, [300]);
    const child = await children.enqueue(add, [3, 4], { dependsOn: parent });
    expect(child.status).toBe("deferred");
    await expect(child.waitForResult({ timeout: "10s" })).resolves.toBe(7);
    expect((await parents.fetchJob(parent.id))?.workerName).toBe(a.name);
    expect((await children.fetchJob(child.id))?.workerName).toBe(b.name);
  });

  it("a rate limit holds across two worker processes competing for the same queue", async () => {
    const queue = new Queue(uniqueQueue("limited"), { connection: ctx.redis });
    await queue.setRateLimit({ max: 3, duration: "1s" });
    await startChild([queue.name], { concurrency: 5 });
    await startChild([queue.name], { concurrency: 5 });
    const jobs = await queue.enqueueMany(Array.from({ length: 9 }, (_, i) => ({ task: add, args: [i, 0] })));
    await Promise.all(jobs.map((job) => job.waitForResult({ timeout: "15s" })));
    const starts = (await Promise.all(jobs.map(async (job) => (await queue.fetchJob(job.id))!.startedAt!.getTime()))).sort((x, y) => x - y);
    // three starts per one-second window, whichever process took them
    expect(starts[3]! - starts[0]!).toBeGreaterThanOrEqual(950);
    expect(starts[6]! - starts[3]!).toBeGreaterThanOrEqual(950);
  });

  it("events published by a worker process reach a subscriber in another", async () => {
    const queue = new Queue(uniqueQueue("events"), { connection: ctx.redis });
    const events = new QueueEvents(queue.name, { connection: ctx.redis });
    const seen: QueueEvent[] = [];
    events.on("event", (event) => seen.push(event));
    await events.ready();
    try {
      const worker = await startChild([queue.name]);
      const job = await queue.enqueue(progress, [2]);
      await eventually(async () => seen.map((e) => e.event), (names) => names.includes("finished"));
      expect(seen.map((e) => e.event)).toEqual(["started", "progress", "progress", "finished"]);
      expect(seen[0]).toMatchObject({ jobId: job.id, worker: worker.name, queue: queue.name });
      expect(seen[3]).toMatchObject({ returnValue: { id: job.id, queue: queue.name, worker: worker.name } });
    } finally {
      await events.close();
    }
  });

  it("job.stop() from this process stops a job running in a worker process", async () => {
    const queue = new Queue(uniqueQueue("stop"), { connection: ctx.redis });
    const worker = await startChild([queue.name]);
    const job = await queue.enqueue(sleepUntilAborted, [30_000]);
    await worker.waitFor(`started ${job.id}`);
    await job.stop();
    await eventually(() => job.getStatus(), (status) => status === "stopped");
    expect(await queue.failed.contains(job.id)).toBe(true);
    expect((await job.latestResult())?.excString).toMatch(/Job stopped by user, work-horse terminated\.$/);
    // the worker goes on with other jobs
    const next = await queue.enqueue(add, [1, 1]);
    await expect(next.waitForResult({ timeout: "5s" })).resolves.toBe(2);
  });
});
