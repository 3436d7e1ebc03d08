// tutorials/12-testing-without-the-internet/tasks.test.ts — the link checker, tested with no internet and no shared Redis.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue, Scheduler, Worker } from "@rqts/queue";
import { startFakePages, startRedis, type FakePages, type RedisServer } from "@rqts/testing";
import { checkLink } from "./tasks.js";

let pages: FakePages; // a real HTTP server on 127.0.0.1, with pages whose answers are known
let redis: RedisServer; // a private redis-server on a free port, never the one on 6379

beforeAll(async () => {
  [pages, redis] = await Promise.all([startFakePages(), startRedis()]);
});
afterAll(async () => {
  await Promise.all([pages?.close(), redis?.stop()]);
});

describe("links.check called directly", () => {
  // The handler is a plain function: the fastest test, and no Redis involved.
  it("reports a page that answers 404 as broken", async () => {
    expect(await checkLink.handler(pages.urls.missing)).toBe("broken (404)");
  });
});

describe("links.check through a worker", () => {
  // What the direct call cannot show: the arguments and result survive JSON and Redis, and a worker
  // with this task registered runs the job.
  it("stores where a moved page went as the job's result", async () => {
    const connection = redis.client();
    const queue = new Queue("links", { connection });
    const job = await queue.enqueue(checkLink, [pages.urls.redirect]);
    await new Worker("links", { connection, tasks: [checkLink], logger: false }).run({ burst: true });
    expect(await job.returnValue()).toBe("moved (301) to /articles/tide-pools.html");
  });
});

describe("a scheduled link check, with a clock the test controls", () => {
  it("is queued only once the clock reaches its time", async () => {
    const connection = redis.client();
    const queue = new Queue("nightly", { connection });
    const due = new Date("2030-01-01T02:00:00Z");
    await queue.enqueueAt(due, checkLink, [pages.urls.index]);

    let now = new Date("2030-01-01T01:59:59Z");
    const scheduler = new Scheduler(connection, "test-scheduler", ["nightly"], { now: () => now });
    await scheduler.tick(); // a tick is what a running scheduler does every second; here, when we say
    expect(await queue.count()).toBe(0);

    now = due;
    await scheduler.tick();
    expect(await queue.count()).toBe(1);
    await scheduler.stop();
  });
});
