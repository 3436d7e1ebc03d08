/**
 * A worker SIGKILLed in the middle of a maintenance pass leaves RQ's lock `rq:clean_registries:{q}`
 * behind, and no other worker's maintenance runs on that queue until it expires — so no abandoned job
 * is recovered meanwhile. The lock must not outlive the interval the dying worker would have run
 * maintenance at: with fast timings, recovery stays a matter of seconds. About 5 s.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Queue, Worker, keys } from "../../src/index.js";
import { allTasks, sleep } from "../fixtures/tasks.js";
import { killAllWorkers, spawnWorker } from "../fixtures/spawn-worker.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

afterEach(killAllWorkers);

/** Records the EX of every SET of `key` that Redis executes, through a MONITOR connection. */
async function watchLockTtls(key: string): Promise<{ ttls: number[]; stop(): void }> {
  const monitor = await ctx.redis.monitor();
  const ttls: number[] = [];
  monitor.on("monitor", (_time: string, args: string[]) => {
    if (args[0]?.toLowerCase() === "set" && args[1] === key) ttls.push(Number(args[args.findIndex((a) => a.toUpperCase() === "EX") + 1]));
  });
  return { ttls, stop: () => monitor.disconnect() };
}

describe("the maintenance lock", () => {
  it("is taken for no longer than the worker's maintenance interval (at least 1 s), and 60 s (defaults.maintenanceLockSeconds) at most", async () => {
    for (const [intervalMs, expected] of [[300, 1], [2_500, 3], [600_000, 60]] as const) {
      const q = uniqueQueue("lock");
      const watch = await watchLockTtls(keys.cleanRegistries(q));
      const worker = new Worker(q, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, maintenanceInterval: intervalMs });
      const running = runInBackground(worker);
      await eventually(async () => watch.ttls, (ttls) => ttls.length > 0);
      await running.stop();
      watch.stop();
      expect(watch.ttls[0], `maintenance every ${intervalMs} ms`).toBe(expected);
    }
  });

  it("left behind by a worker killed mid-pass delays the recovery of its abandoned job by seconds, not a minute", async () => {
    const q = uniqueQueue("lock-death");
    const timings = { heartbeatInterval: 200, abandonedGrace: 800, maintenanceInterval: 300, dequeueTimeout: "1s" };
    const watch = await watchLockTtls(keys.cleanRegistries(q));
    const dying = spawnWorker({ redisUrl: ctx.server.url, queues: [q], ...timings });
    await dying.ready();
    const job = await new Queue(q, { connection: ctx.redis }).enqueue(sleep, [60_000]);
    await dying.waitFor(`started ${job.id}`);
    await eventually(async () => watch.ttls, (ttls) => ttls.length > 0);
    watch.stop();

    // it dies between taking the lock and releasing it: all it leaves is the lock, with its own TTL
    dying.kill("SIGKILL");
    await dying.exited;
    await ctx.redis.set(keys.cleanRegistries(q), "1", "EX", watch.ttls[0]!);
    const died = Date.now();

    const survivor = spawnWorker({ redisUrl: ctx.server.url, queues: [q], ...timings });
    await survivor.ready();
    await eventually(() => job.getStatus(), (status) => status === "failed", 15_000);
    expect(Date.now() - died).toBeLessThan(6_000);
    expect((await job.latestResult())?.excString).toMatch(/AbandonedJobError/);
  }, 30_000);
});
