/**
 * The server-side pieces of the pages and actions, on a throwaway Redis seeded by a real rqts worker:
 * what the overview, the job lists and the actions read and do.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Inspector, Queue, Worker } from "@rqts/queue";
import { eventually, freePort, uniqueQueue } from "@rqts/testing";
import { useRedis } from "@rqts/testing/vitest";
import { runAction } from "../lib/actions";
import { RedisUnavailableError } from "../lib/errors";
import { listingHref, loadJobListing } from "../lib/job-listing";
import { loadOverview, sumThroughput } from "../lib/overview";
import { closeConnections, connectionFor, tryRead } from "../lib/redis-connections";
import { runBurst, seedQueue } from "./fixtures/seed";
import { add, allTasks, fail, waitForStop } from "./fixtures/tasks";
import { formOf } from "./helpers";

const ctx = useRedis();
const inspector = () => new Inspector(ctx.redis);

afterAll(closeConnections);

describe("the overview's data", () => {
  it("counts every list of every queue, totals them, and tallies workers and suspension", async () => {
    const seeded = await seedQueue(ctx.redis, uniqueQueue("overview"));
    const overview = await loadOverview(ctx.redis, inspector());
    expect(overview.queues.find((queue) => queue.name === seeded.name)?.counts).toEqual(seeded.counts);
    const sum = (list: keyof typeof seeded.counts) => overview.queues.reduce((total, queue) => total + queue.counts[list], 0);
    expect(overview.totals.failed).toBe(sum("failed"));
    expect(overview.totals.queued).toBe(sum("queued"));
    expect(overview.suspended).toBe(false);
    expect(overview.workers).toEqual({ total: 0, byState: {}, stale: 0 }); // the burst worker deregistered
  });

  it("charts jobs finished and failed this minute, summed over the queues, over the last hour", async () => {
    const now = new Date();
    const before = await loadOverview(ctx.redis, inspector(), now);
    const [first, second] = [uniqueQueue("chart"), uniqueQueue("chart")];
    await new Queue(first, { connection: ctx.redis }).enqueue(add, [1, 1]);
    await new Queue(second, { connection: ctx.redis }).enqueue(add, [2, 2]);
    await new Queue(second, { connection: ctx.redis }).enqueue(fail, ["no"]);
    await runBurst(ctx.redis, [first, second]);
    const after = await loadOverview(ctx.redis, inspector(), new Date());
    expect(after.throughput).toHaveLength(60);
    const last = (points: typeof after.throughput) => points.at(-1)!;
    // The counters are per minute: a test crossing a minute boundary compares the same minute only.
    if (last(after.throughput).minute.getTime() === last(before.throughput).minute.getTime()) {
      expect(last(after.throughput).finished - last(before.throughput).finished).toBe(2);
      expect(last(after.throughput).failed - last(before.throughput).failed).toBe(1);
    } else {
      expect(last(after.throughput)).toMatchObject({ finished: 2, failed: 1 });
    }
  });

  it("adds per-queue series minute by minute", () => {
    const now = new Date("2026-01-01T10:30:30Z");
    const minute = (iso: string, finished: number, failed: number) => ({ minute: new Date(iso), finished, failed });
    const a = [minute("2026-01-01T10:29:00Z", 1, 0), minute("2026-01-01T10:30:00Z", 2, 1)];
    const b = [minute("2026-01-01T10:29:00Z", 5, 5), minute("2026-01-01T10:30:00Z", 0, 3)];
    expect(sumThroughput([a, b], now, 2)).toEqual([minute("2026-01-01T10:29:00Z", 6, 5), minute("2026-01-01T10:30:00Z", 2, 4)]);
  });
});

describe("a job list's data", () => {
  it("reads one page in the order asked for, with the queue's counts for the tabs", async () => {
    const queue = new Queue(uniqueQueue("pages"), { connection: ctx.redis });
    const jobs = await queue.enqueueMany(Array.from({ length: 45 }, (_, index) => ({ task: add, args: [index, 1] })));
    const ids = jobs.map((job) => job.id);

    const second = await loadJobListing(inspector(), queue.name, "queued", { page: 2, perPage: 20, order: "oldest" });
    expect(second.summary.counts.queued).toBe(45);
    expect([second.page.total, second.lastPage]).toEqual([45, 3]);
    expect(second.page.jobs.map((job) => job.id)).toEqual(ids.slice(20, 40));

    const newest = await loadJobListing(inspector(), queue.name, "queued", { page: 1, perPage: 10, order: "newest" });
    expect(newest.page.jobs.map((job) => job.id)).toEqual(ids.slice(-10).reverse());

    const beyond = await loadJobListing(inspector(), queue.name, "queued", { page: 9, perPage: 20, order: "oldest" });
    expect(beyond.page.jobs).toEqual([]);
  });

  it("throws NoSuchQueueError for a queue that has nothing at all", async () => {
    await expect(loadJobListing(inspector(), uniqueQueue("never"), "queued", { page: 1, perPage: 20, order: "oldest" })).rejects.toThrow(/^No queue named/);
  });

  it("links pages with their query, leaving out page 1", () => {
    expect(listingHref(0, "a/b", "failed", { page: 1, perPage: 20, order: "newest" })).toBe("/0/queues/a%2Fb/failed?perPage=20&order=newest");
    expect(listingHref(1, "q", "queued", { page: 3, perPage: 50, order: "oldest" })).toBe("/1/queues/q/queued?page=3&perPage=50&order=oldest");
  });
});

describe("actions", () => {
  const act = (fields: Record<string, string>) => runAction(inspector(), 0, formOf(fields));

  it("requeues one failed job, which a worker then runs again", async () => {
    const seeded = await seedQueue(ctx.redis, uniqueQueue("requeue-one"));
    expect(await act({ action: "requeue", jobId: seeded.ids.flaky })).toEqual({ message: `Requeued job ${seeded.ids.flaky}` });
    expect((await inspector().job(seeded.ids.flaky)).status).toBe("queued");
    await runBurst(ctx.redis, seeded.name);
    const job = await inspector().job(seeded.ids.flaky);
    expect([job.status, job.latestResult?.returnValue, job.results.length]).toEqual(["finished", "succeeded when run again", 2]);
  });

  it("requeues every failed job of a queue, or of all queues", async () => {
    const seeded = await seedQueue(ctx.redis, uniqueQueue("requeue-all"));
    expect(await act({ action: "requeue-failed", queue: seeded.name })).toEqual({ message: "Requeued 3 failed jobs" });
    const [summary] = await inspector().queues([seeded.name]);
    expect([summary!.counts.failed, summary!.counts.queued]).toEqual([0, seeded.counts.queued + 3]);
    expect((await act({ action: "requeue-failed" })).message).toMatch(/^Requeued [\d,]+ failed jobs?$/);
  });

  it("deletes a job and sends the page to its queue", async () => {
    const queue = new Queue(uniqueQueue("delete"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 2]);
    expect(await act({ action: "delete", jobId: job.id })).toEqual({ message: `Deleted job ${job.id}`, redirectTo: `/0/queues/${queue.name}/queued` });
    await expect(inspector().job(job.id)).rejects.toThrow(/^No job with id/);
    expect(await queue.count()).toBe(0);
  });

  it("cancels a queued job, and refuses to cancel one twice", async () => {
    const queue = new Queue(uniqueQueue("cancel"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 2]);
    expect((await act({ action: "cancel", jobId: job.id })).message).toBe(`Canceled job ${job.id}`);
    expect((await inspector().job(job.id)).status).toBe("canceled");
    await expect(act({ action: "cancel", jobId: job.id })).rejects.toThrow(/canceled/);
  });

  it("stops a running job through its worker", async () => {
    const queue = new Queue(uniqueQueue("stop"), { connection: ctx.redis });
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, dequeueTimeout: "1s" });
    const running = worker.run();
    try {
      const job = await queue.enqueue(waitForStop, []);
      await eventually(() => job.getStatus(), (status) => status === "started");
      expect(await act({ action: "stop", jobId: job.id })).toEqual({ message: `Asked the worker running job ${job.id} to stop it` });
      await eventually(() => job.getStatus(), (status) => status === "stopped");
    } finally {
      worker.stop();
      await running;
    }
  });

  it("refuses to stop a job that is not running", async () => {
    const job = await new Queue(uniqueQueue("stop-queued"), { connection: ctx.redis }).enqueue(add, [1, 2]);
    await expect(act({ action: "stop", jobId: job.id })).rejects.toThrow(/is queued, not started: only a running job can be stopped/);
  });

  it("empties a queue or a registry, but not the running jobs' registry", async () => {
    const seeded = await seedQueue(ctx.redis, uniqueQueue("empty"));
    expect(await act({ action: "empty", queue: seeded.name, list: "failed" })).toEqual({ message: `Deleted 3 jobs from failed of ${seeded.name}` });
    expect(await act({ action: "empty", queue: seeded.name, list: "queued" })).toEqual({ message: `Deleted 4 jobs from queued of ${seeded.name}` });
    const [summary] = await inspector().queues([seeded.name]);
    expect([summary!.counts.failed, summary!.counts.queued, summary!.counts.finished]).toEqual([0, 0, 4]);
    await expect(act({ action: "empty", queue: seeded.name, list: "started" })).rejects.toThrow(/holds running jobs: stop them/);
  });

  it("suspends and resumes workers", async () => {
    expect((await act({ action: "suspend" })).message).toMatch(/^Workers are suspended/);
    expect(await inspector().isSuspended()).toBe(true);
    expect(await act({ action: "resume" })).toEqual({ message: "Workers resumed" });
    expect(await inspector().isSuspended()).toBe(false);
  });

  it("refuses unknown actions and bad arguments before touching Redis", async () => {
    await expect(act({ action: "flushall" })).rejects.toThrow(/^action must be one of requeue, requeue-failed, delete, cancel, stop, empty, suspend, resume/);
    await expect(act({ action: "requeue" })).rejects.toThrow("jobId is missing: give a job id");
    await expect(act({ action: "empty", queue: "q", list: "everything" })).rejects.toThrow(/^list must be one of/);
    const form = formOf({ action: "requeue" });
    form.set("jobId", new Blob(["x"]));
    await expect(runAction(inspector(), 0, form)).rejects.toThrow("jobId must be text, not a file");
  });
});

describe("a Redis that does not answer", () => {
  it("becomes a RedisUnavailableError naming the instance, not a crash", async () => {
    const instance = { index: 0, url: `redis://127.0.0.1:${await freePort()}`, label: "redis://127.0.0.1:(closed port)" };
    const read = await tryRead(instance, () => connectionFor(instance).ping());
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problem).toBeInstanceOf(RedisUnavailableError);
      expect(read.problem.message).toMatch(/^Redis at redis:\/\/127\.0\.0\.1:\(closed port\) did not answer: /);
    }
  });
});
