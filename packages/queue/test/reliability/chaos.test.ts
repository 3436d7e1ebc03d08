/**
 * Chaos: 4 worker processes run 10,000 jobs while, about every 0.5 s, one of them is SIGKILLed and a
 * replacement started. THE LONGEST TEST OF THE SUITE: about 30 s on 2 cores, with ~40 SIGKILLs
 * (its budget is 150 s; on a loaded machine the kills slow down with the workers' start-ups).
 *
 * The jobs are enqueued with `retry: { max: 5 }`: a SIGKILLed worker's running jobs are found
 * abandoned by another worker's maintenance, and with retries left they are queued again instead of
 * failed, so "every job finished" is the expected end state. Without retries they would end in the
 * failed registry with RQ's AbandonedJobError text (test/worker-process.test.ts shows that).
 *
 * Replay a failing run with the seed it printed: `RQTS_SEED=<n> npx vitest run test/reliability/chaos.test.ts`
 * (the kill choices and job lengths repeat; process timing does not).
 */
import { afterEach, describe, expect, it } from "vitest";
import { Queue, keys } from "../../src/index.js";
import { killAllWorkers } from "../fixtures/spawn-worker.js";
import { auditQueue, countExecutions } from "../fixtures/reliability/audit.js";
import { startFleet, unfinishedAtDeath } from "../fixtures/reliability/fleet.js";
import { createPrng, seedFromEnvironment } from "../fixtures/reliability/prng.js";
import { work } from "../fixtures/reliability/tasks.js";
import { uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

afterEach(killAllWorkers);

const JOBS = 10_000;
const WORKERS = 4;
/** A worker is killed only once it has run this long (its start-up takes ~0.4 s on an idle machine). */
const MIN_LIFETIME_MS = 1000;
/** Give up (and fail) if the jobs are not all finished by then. */
const BUDGET_MS = 150_000;

/**
 * Recovery within seconds: a dead worker's job is abandoned 2–3 s after its last heartbeat (a whole
 * number of seconds, heartbeat + grace rounded up, as RQ scores rq:wip); maintenance looks twice a
 * second. The grace is wide enough that a live worker slowed down by the restarts on 2 cores is not
 * taken for dead (which would show up as retries beyond the kills, and fail the test).
 */
const timings = {
  concurrency: 16,
  heartbeatInterval: 250,
  abandonedGrace: 1500,
  maintenanceInterval: 500,
  intermediateGrace: 1000,
  dequeueTimeout: "1s",
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How many jobs a dead worker held in Redis: its entries in rq:wip (the job hash names the worker).
 * Read just after its death and well before maintenance can take them (2 s at the earliest), so this
 * counts exactly the executions the SIGKILL interrupted, including jobs claimed a moment before the
 * kill that the worker had not yet heard back about.
 */
async function heldAtDeath(queue: string, workerName: string): Promise<number> {
  const members = await ctx.redis.zrange(keys.started(queue), "0", "-1");
  const pipeline = ctx.redis.pipeline();
  for (const member of members) pipeline.hget(keys.job(member.slice(0, member.lastIndexOf(":"))), "worker_name");
  const owners = ((await pipeline.exec()) ?? []).map(([, owner]) => owner);
  return owners.filter((owner) => owner === workerName).length;
}

describe("chaos: worker processes SIGKILLed and restarted while they run 10,000 jobs", () => {
  it(
    "finishes every job exactly once in Redis, leaves nothing started or queued, and repeats an execution only for jobs a killed worker held",
    async () => {
      const prng = createPrng(seedFromEnvironment());
      console.log(`chaos seed ${prng.seed} (replay with RQTS_SEED=${prng.seed})`);
      const q = uniqueQueue("chaos");
      const counterKey = `reliability:${q}`;
      const queue = new Queue(q, { connection: ctx.redis });
      const fleet = startFleet(WORKERS, { redisUrl: ctx.server.url, queues: [q], ...timings });
      await fleet.ready();

      const began = Date.now();
      const jobs = await queue.enqueueMany(
        Array.from({ length: JOBS }, () => ({ task: work, args: [prng.int(20, 100), counterKey] as [number, string], options: { retry: { max: 5 } } })),
      );
      const ids = jobs.map((job) => job.id);

      let heldByKilled = 0;
      while ((await queue.finished.count()) < JOBS) {
        if (Date.now() - began > BUDGET_MS) throw new Error(`not every job finished within ${BUDGET_MS} ms: ${JSON.stringify(await auditQueue(ctx.redis, q, ids))}`);
        await sleep(prng.int(300, 500));
        const victim = fleet.killOne(prng, MIN_LIFETIME_MS);
        if (!victim) continue;
        await victim.exited;
        await sleep(100); // commands it wrote just before dying reach Redis first
        heldByKilled += await heldAtDeath(q, victim.name);
      }
      const runMs = Date.now() - began;
      await fleet.stop();

      const audit = await auditQueue(ctx.redis, q, ids);
      const executions = await countExecutions(ctx.redis, counterKey, ids);
      const reportedByKilled = fleet.killed.reduce((sum, child) => sum + unfinishedAtDeath(child).length, 0);
      const takenFromLive = fleet.all.flatMap((child) => child.lines).filter((line) => line.includes("taken over by maintenance")).length;
      console.log(
        `chaos: ${JOBS} jobs in ${(runMs / 1000).toFixed(1)} s, ${fleet.killed.length} SIGKILLs (${heldByKilled} jobs in flight in killed workers, ` +
          `${reportedByKilled} of them reported started), ${takenFromLive} taken from live workers, ` +
          `${audit.retries} abandoned executions retried, ${executions.repeatedStarts} executions begun again, ` +
          `${executions.repeatedEffects} side effects repeated (double executions)`,
      );

      // every job finished, each in exactly one registry, nothing left anywhere else
      expect(audit.statuses).toEqual({ finished: JOBS });
      expect(audit).toMatchObject({ inFinished: JOBS, inFailed: 0, inBoth: 0, inNeither: 0, queued: 0, intermediate: 0, started: 0, scheduled: 0 });
      expect(await queue.failed.count()).toBe(0);
      // each job's success was recorded once: one result entry each
      expect(audit.resultEntries).toEqual({ 1: JOBS });

      // at-least-once: every side effect happened; repeats only for jobs that killed workers held
      expect(fleet.killed.length).toBeGreaterThanOrEqual(10);
      expect(executions.withoutEffect).toBe(0);
      expect(takenFromLive).toBe(0);
      expect(audit.retries).toBeLessThanOrEqual(heldByKilled);
      expect(executions.repeatedStarts).toBeLessThanOrEqual(audit.retries);
      expect(executions.repeatedEffects).toBeLessThanOrEqual(executions.repeatedStarts);
    },
    BUDGET_MS + 30_000,
  );
});
