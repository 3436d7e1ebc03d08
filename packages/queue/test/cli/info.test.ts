/**
 * `rqts info`, the real binary in a child process, checked against state the test sets up.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Queue, Worker, resumeWorkers, suspendWorkers } from "../../src/index.js";
import { ensureBuilt, rqts, startRqts } from "../fixtures/cli/run-cli.js";
import { add, allTasks, boom, sleepUntilAborted } from "../fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

beforeAll(ensureBuilt, 120_000);

/** Puts a queued job in rq:wip as if a worker runs it; its heartbeat expires `inSeconds` from now. */
async function markStarted(queue: Queue, id: string, inSeconds: number): Promise<void> {
  await ctx.redis
    .multi()
    .lrem(queue.key, 0, id)
    .hset(`rq:job:${id}`, { status: "started", worker_name: "elsewhere" })
    .zadd(queue.started.key, Math.floor(Date.now() / 1000) + inSeconds, `${id}:${"f".repeat(32)}`)
    .exec();
}

/** A queue with 2 queued, 1 started, 1 deferred, 1 scheduled, 1 finished, 1 failed and 1 canceled job. */
async function knownState(): Promise<Queue> {
  const queue = new Queue(uniqueQueue("info"), { connection: ctx.redis });
  await queue.enqueue(add, [1, 1]);
  await queue.enqueue(boom, ["broken"]);
  await new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false }).run({ burst: true });
  const parent = await queue.enqueue(add, [2, 2]);
  await queue.enqueue(add, [3, 3], { dependsOn: parent });
  await queue.enqueueIn("1h", add, [4, 4]);
  await (await queue.enqueue(add, [5, 5])).cancel();
  await markStarted(queue, (await queue.enqueue(add, [6, 6])).id, 300);
  await queue.enqueue(add, [7, 7]);
  return queue;
}

describe("rqts info", () => {
  it("shows each list's count with a bar scaled to the largest count", async () => {
    const queue = await knownState();
    const run = await rqts(["info", queue.name], { redisUrl: ctx.server.url });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    const at = lines.indexOf(`${queue.name}  8 jobs`);
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 8)).toEqual([
      `  queued     2  ${"█".repeat(30)}`,
      `  started    1  ${"█".repeat(15)}`,
      `  deferred   1  ${"█".repeat(15)}`,
      `  scheduled  1  ${"█".repeat(15)}`,
      `  finished   1  ${"█".repeat(15)}`,
      `  failed     1  ${"█".repeat(15)}`,
      `  canceled   1  ${"█".repeat(15)}`,
    ]);
    expect(run.stdout).toContain("1 queue, 8 jobs");
    expect(run.stdout).toContain(`rqts info · ${ctx.server.url} ·`);
  });

  it("prints the same counts as JSON with --json", async () => {
    const queue = await knownState();
    const run = await rqts(["info", queue.name, "--json"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    const shot = JSON.parse(run.stdout) as { suspended: boolean; queues: Array<{ name: string; counts: unknown; abandoned: number }> };
    expect(shot.queues).toEqual([
      expect.objectContaining({
        name: queue.name,
        counts: { queued: 2, started: 1, deferred: 1, scheduled: 1, finished: 1, failed: 1, canceled: 1 },
        abandoned: 0,
      }),
    ]);
  });

  it("lists workers with their state and current job", async () => {
    const queue = new Queue(uniqueQueue("info-workers"), { connection: ctx.redis });
    const name = `cli-watcher-${queue.name}`;
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, name });
    const running = runInBackground(worker);
    try {
      const job = await queue.enqueue(sleepUntilAborted, [10_000]);
      await eventually(() => job.getStatus(), (status) => status === "started");
      const run = await rqts(["info", queue.name], { redisUrl: ctx.server.url });
      expect(run.stdout).toContain("1 worker");
      expect(run.stdout).toMatch(new RegExp(`${name} +busy +${queue.name} +${job.id} +\\d+s ago +0 +0 +${process.pid}@`));
    } finally {
      await running.stop(true);
    }
  });

  it("changes nothing and says what maintenance would fix; --clean runs it", async () => {
    const queue = new Queue(uniqueQueue("info-clean"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await markStarted(queue, job.id, -30); // its worker's heartbeat expired 30 s ago
    const look = await rqts(["info", queue.name], { redisUrl: ctx.server.url });
    expect(look.stdout).toContain("Read-only: 1 started job with an expired heartbeat and 0 expired entries were left as they are.");
    expect(await job.getStatus()).toBe("started");

    const clean = await rqts(["info", queue.name, "--clean"], { redisUrl: ctx.server.url });
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain(`Cleaned ${queue.name}: 1 abandoned job moved to failed`);
    expect(clean.stdout).not.toContain("Read-only:");
    expect(await job.getStatus()).toBe("failed");
  });

  it("says when workers are suspended, and when there are no queues at all", async () => {
    await suspendWorkers(ctx.redis);
    try {
      const emptyDb = await rqts(["info", "--url", `${ctx.server.url}/7`], { redisUrl: ctx.server.url });
      expect(emptyDb.code).toBe(0);
      expect(emptyDb.stdout).toContain("No queues yet");
      const run = await rqts(["info"], { redisUrl: ctx.server.url });
      expect(run.stdout).toContain("Workers are suspended");
    } finally {
      await resumeWorkers(ctx.redis);
    }
  });

  it("redraws in place every --interval seconds until interrupted", async () => {
    const queue = new Queue(uniqueQueue("info-watch"), { connection: ctx.redis });
    await queue.enqueue(add, [1, 1]);
    const watch = startRqts(["info", queue.name, "--interval", "0.2"], { redisUrl: ctx.server.url });
    await watch.waitFor(/\x1b\[H\x1b\[2J[^]*\x1b\[H\x1b\[2J/);
    watch.signal("SIGINT");
    const run = await watch.done;
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${queue.name}  1 job`);
  });

  it("exits 1 naming the known queues when asked about an unknown queue", async () => {
    const queue = new Queue(uniqueQueue("info-known"), { connection: ctx.redis });
    await queue.enqueue(add, [1, 1]);
    const run = await rqts(["info", "no-such-queue"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(new RegExp(`rqts info: No queue named "no-such-queue" exists \\(known queues: .*"${queue.name}"`));
  });
});
