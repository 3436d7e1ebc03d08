import { afterEach, describe, expect, it } from "vitest";
import { JobFailedError, Queue, QueueEvents, type QueueEvent } from "@rqts/queue";
import { uniqueQueue } from "@rqts/testing";
import { TASK_NAMES } from "../lib/task-catalog";
import { loadWordCount, wordCountKeys } from "../lib/word-count-store";
import { startTestWorker, useServers } from "./helpers";

const ctx = useServers();
let stopWorker: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stopWorker?.();
  stopWorker = undefined;
});

/** A queue with a running worker. */
function queueWithWorker(): Queue {
  const queue = new Queue(uniqueQueue("long-tasks-test"), { connection: ctx.redis });
  stopWorker = startTestWorker(ctx, queue.name).stop;
  return queue;
}

describe("the sleeping task (short, medium, long)", () => {
  it("sleeps 10 steps for short, reports progress after each as a live event, and returns true", async () => {
    const queue = queueWithWorker();
    const events = new QueueEvents(queue.name, { connection: ctx.redis });
    const seen: QueueEvent[] = [];
    events.on("event", (event) => seen.push(event));
    await events.ready();
    try {
      const job = await queue.enqueue(TASK_NAMES.sleep, ["short"]);
      expect(await job.waitForResult({ timeout: "10s" })).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the last message arrive
      const progress = seen.filter((e) => e.event === "progress").map((e) => (e as { progress: number }).progress);
      expect(progress).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1].map((p) => expect.closeTo(p, 5)));
      expect(seen.map((e) => e.event).filter((e) => e !== "progress")).toEqual(["started", "finished"]);
      expect((await job.refresh()).meta.progress).toBe(1);
    } finally {
      await events.close();
    }
  });

  it("fails without retrying when given a type it does not know", async () => {
    const queue = queueWithWorker();
    const job = await queue.enqueue(TASK_NAMES.sleep, ["forever"], { retry: { max: 3 } });
    await expect(job.waitForResult({ timeout: "10s" })).rejects.toThrow(/type must be short, medium or long, got "forever"/);
    expect((await job.refresh()).retriesLeft).toBe(3);
  });
});

describe("the failing task", () => {
  it("fails halfway with its error text, into the failed registry", async () => {
    const queue = queueWithWorker();
    const job = await queue.enqueue(TASK_NAMES.fail, []);
    const error = await job.waitForResult({ timeout: "10s" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).excString.trimEnd().split("\n").pop()).toBe("Error: This task fails on purpose, to show how a failure looks");
    expect(await queue.failed.contains(job.id)).toBe(true);
    expect((await job.refresh()).meta.progress).toBe(0.5);
  });
});

describe("the word-count task", () => {
  it("saves the count in the app's own key, with no expiry, and returns only its id (a pointer)", async () => {
    const queue = queueWithWorker();
    const article = ctx.pages.pages().find((page) => page.path === "/articles/tide-pools.html")!;
    const job = await queue.enqueue(TASK_NAMES.countWords, [article.url], { resultTtl: "5000s" });
    const id = await job.waitForResult({ timeout: "10s" });
    expect(typeof id).toBe("number");

    const record = await loadWordCount(ctx.redis, id as number);
    expect(record).toMatchObject({ id, url: article.url, finalUrl: article.url, totalWords: article.wordCount });
    expect(record?.topWords).toHaveLength(10);
    expect(await ctx.redis.ttl(wordCountKeys.record(id as number))).toBe(-1); // kept for good
    expect(await ctx.redis.ttl(`rq:job:${job.id}`)).toBeGreaterThan(4000); // the pointer lives result_ttl
  });

  it("hands out a new id for every count, so earlier counts stay readable", async () => {
    const queue = queueWithWorker();
    const url = `${ctx.pages.url}/articles/lighthouse-keeper.html`;
    const [first, second] = await Promise.all([
      queue.enqueue(TASK_NAMES.countWords, [url]).then((job) => job.waitForResult({ timeout: "10s" })),
      queue.enqueue(TASK_NAMES.countWords, [url]).then((job) => job.waitForResult({ timeout: "10s" })),
    ]);
    expect(first).not.toBe(second);
    expect((await loadWordCount(ctx.redis, first as number))?.url).toBe(url);
    expect((await loadWordCount(ctx.redis, second as number))?.url).toBe(url);
  });

  it("checks the URL itself: a job from another producer cannot make it fetch a host the policy forbids", async () => {
    const queue = queueWithWorker();
    const lastId = await ctx.redis.get(wordCountKeys.lastId);
    const job = await queue.enqueue(TASK_NAMES.countWords, ["http://169.254.169.254/latest/meta-data/"]);
    await expect(job.waitForResult({ timeout: "10s" })).rejects.toThrow(/In demo mode only pages of the fixture pages server/);
    expect(await ctx.redis.get(wordCountKeys.lastId)).toBe(lastId); // nothing saved
  });

  it("fails with the page's problem when the page cannot be counted", async () => {
    const queue = queueWithWorker();
    const job = await queue.enqueue(TASK_NAMES.countWords, [ctx.pages.urls.json]);
    await expect(job.waitForResult({ timeout: "10s" })).rejects.toThrow(/is application\/json, not a web page/);
  });
});
