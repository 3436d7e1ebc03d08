import { describe, expect, it } from "vitest";
import { InvalidArgumentError, Queue, Worker } from "../src/index.js";
import { add, allTasks, boom } from "./fixtures/tasks.js";
import { uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();

function setup() {
  const queue = new Queue(uniqueQueue(), { connection: ctx.redis });
  const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false });
  return { queue, worker };
}

describe("dependencies", () => {
  it("defers a job until its parent finishes, in RQ's keys (double-colon dependencies set)", async () => {
    const { queue } = setup();
    const parent = await queue.enqueue(add, [1, 2]);
    const child = await queue.enqueue(add, [3, 4], { dependsOn: parent });
    expect(child.status).toBe("deferred");
    expect(await child.getStatus()).toBe("deferred");
    expect(await queue.deferred.jobIds()).toEqual([child.id]);
    expect(await queue.jobIds()).toEqual([parent.id]);
    expect(await ctx.redis.smembers(`rq:job:${parent.id}:dependents`)).toEqual([child.id]);
    expect(await ctx.redis.smembers(`rq:job::${child.id}:dependencies`)).toEqual([parent.id]);
    const hash = await ctx.redis.hgetall(`rq:job:${child.id}`);
    expect(hash).toMatchObject({ dependency_id: parent.id, dependency_ids: JSON.stringify([parent.id]), allow_dependency_failures: "0", enqueue_at_front: "0" });
    expect(hash.enqueued_at).toBeUndefined();
  });

  it("releases the child when its last parent finishes, and runs it", async () => {
    const { queue, worker } = setup();
    const [a, b] = await queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }]);
    const child = await queue.enqueue(add, [5, 5], { dependsOn: [a!, b!.id] });
    await worker.run({ burst: true });
    expect(await child.returnValue()).toBe(10);
    expect(await queue.deferred.count()).toBe(0);
    expect(await ctx.redis.exists(`rq:job:${a!.id}:dependents`)).toBe(0);
  });

  it("queues at once when every parent is done or missing (a missing parent counts as done, as in RQ)", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(add, [1, 1]);
    await worker.run({ burst: true });
    const child = await queue.enqueue(add, [1, 1], { dependsOn: [parent, "never-existed"] });
    expect(child.status).toBe("queued");
    expect(await queue.jobIds()).toEqual([child.id]);
  });

  it("keeps the child deferred when a parent fails, and says why it waits", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(boom, ["no"]);
    const child = await queue.enqueue(add, [1, 1], { dependsOn: parent });
    await worker.run({ burst: true });
    expect(await child.getStatus()).toBe("deferred");
    expect(await child.dependencyStatuses()).toEqual([{ id: parent.id, status: "failed" }]);
    expect(await parent.dependentIds()).toEqual([child.id]);
  });

  it("with allowFailure, releases the child when a parent fails", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(boom, ["no"]);
    const child = await queue.enqueue(add, [1, 1], { dependsOn: { jobs: [parent], allowFailure: true } });
    await worker.run({ burst: true });
    expect(await child.returnValue()).toBe(2);
  });

  it("with allowFailure, queues at once when a parent had already failed (RQ leaves it deferred for ever)", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(boom, ["no"]);
    await worker.run({ burst: true });
    const child = await queue.enqueue(add, [1, 1], { dependsOn: { jobs: parent, allowFailure: true } });
    expect(child.status).toBe("queued");
  });

  it("never releases children of a canceled parent", async () => {
    const { queue, worker } = setup();
    const parent = await queue.enqueue(add, [1, 1]);
    const child = await queue.enqueue(add, [1, 1], { dependsOn: { jobs: parent, allowFailure: true } });
    await parent.cancel();
    await worker.run({ burst: true });
    expect(await child.getStatus()).toBe("deferred");
  });

  it("puts a released child at the front of its queue with atFront", async () => {
    const { queue } = setup();
    const parent = await queue.enqueue(add, [1, 1]);
    const child = await queue.enqueue(add, [1, 1], { dependsOn: { jobs: parent, atFront: true } });
    const other = await queue.enqueue(add, [2, 2]);
    const order: string[] = [];
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false });
    worker.on("job:started", (job) => order.push(job.id));
    await worker.run({ burst: true });
    expect(order).toEqual([parent.id, child.id, other.id]);
  });

  it("releases a child waiting on a parent in another queue into the child's own queue", async () => {
    const { queue: parents } = setup();
    const children = new Queue(uniqueQueue(), { connection: ctx.redis });
    const parent = await parents.enqueue(add, [1, 1]);
    const child = await children.enqueue(add, [2, 3], { dependsOn: parent });
    const worker = new Worker([parents.name, children.name], { connection: ctx.redis, tasks: allTasks, logger: false });
    await worker.run({ burst: true });
    expect(await child.returnValue()).toBe(5);
    expect(await children.deferred.count()).toBe(0);
  });

  it("rejects dependencies that are not jobs or ids", async () => {
    const { queue } = setup();
    await expect(queue.enqueue(add, [1, 1], { dependsOn: [42 as never] })).rejects.toThrow(InvalidArgumentError);
    await expect(queue.enqueue(add, [1, 1], { dependsOn: "bad id!" })).rejects.toThrow(/jobId/);
  });
});
