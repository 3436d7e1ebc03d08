/**
 * rqts enqueues; a Python RQ worker (`rq worker --burst -S rq.serializers.JSONSerializer`) runs the jobs;
 * rqts reads the results and errors Python wrote.
 */
import { expect, it } from "vitest";
import { Queue } from "../../src/index.js";
import { uniqueQueue, useRedis } from "../helpers.js";
import { describeInterop } from "./gate.js";
import { rq } from "./python.js";
import { add, boom, describe as describeCall } from "./tasks.js";

const ctx = useRedis();

describeInterop("rqts enqueues, a Python RQ worker runs", () => {
  it("Python runs rqts jobs by task name; rqts reads their results and errors", async () => {
    const queue = new Queue(uniqueQueue("ts"), { connection: ctx.redis });
    const ok = await queue.enqueue(add, [2, 3], { jobId: "ts-ok", meta: { from: "ts" }, resultTtl: "10m" });
    const fail = await queue.enqueue(boom, ["kaput"], { jobId: "ts-fail" });
    const call = await queue.enqueue(describeCall, [1, { nested: [true, null] }], { jobId: "ts-call" });
    await rq(ctx.server.url, ["worker", "--burst", "-S", "rq.serializers.JSONSerializer", "-n", "py-w", queue.name]);

    expect(await ok.getStatus()).toBe("finished");
    expect(await ok.returnValue()).toBe(5);
    expect(await call.returnValue()).toEqual({ args: [1, { nested: [true, null] }], kwargs: {} });
    await ok.refresh();
    expect(ok.workerName).toBe("py-w");
    expect(ok.meta).toEqual({ from: "ts" });
    expect(await ctx.redis.ttl(`rq:job:${ok.id}`)).toBeGreaterThan(590);

    expect(await fail.getStatus()).toBe("failed");
    const result = await fail.latestResult();
    expect(result?.type).toBe("failed");
    expect(result?.excString?.trim().split("\n").at(-1)).toBe("ValueError: kaput");
    expect(result?.excString).toMatch(/^Traceback \(most recent call last\):/);
    await expect(fail.waitForResult({ timeout: 100 })).rejects.toThrow(/ValueError: kaput/);
    expect(await queue.finished.jobIds()).toEqual(expect.arrayContaining([ok.id, call.id]));
    expect(await queue.failed.jobIds()).toEqual([fail.id]);
    expect(await queue.started.count()).toBe(0);
  });

  it("a job rqts scheduled is queued by a Python worker's scheduler when due, and run", async () => {
    const queue = new Queue(uniqueQueue("ts"), { connection: ctx.redis });
    const job = await queue.enqueueAt(new Date(Date.now() - 1000), add, [5, 6]);
    expect(job.status).toBe("scheduled");
    await rq(ctx.server.url, ["worker", "--burst", "--with-scheduler", "-S", "rq.serializers.JSONSerializer", queue.name]);
    expect(await job.getStatus()).toBe("finished");
    expect(await job.returnValue()).toBe(11);
  });

  it("a job that a Python worker finished releases an rqts-enqueued dependent", async () => {
    const queue = new Queue(uniqueQueue("ts"), { connection: ctx.redis });
    const parent = await queue.enqueue(add, [1, 2]);
    const child = await queue.enqueue(add, [3, 4], { dependsOn: parent });
    expect(child.status).toBe("deferred");
    await rq(ctx.server.url, ["worker", "--burst", "-S", "rq.serializers.JSONSerializer", queue.name]);
    expect(await child.returnValue()).toBe(7);
  });
});
