/**
 * Golden layout: rqts runs the whole RQ scenario of rq-layout.md §2.8 (test/fixtures/golden/scenario.ts:
 * job-ok with an on_success callback, job-fail with Retry(max=1), job-retry with Retry(max=2,
 * interval=[30, 60]), job-dep depending on job-ok with enqueue_at_front, job-sched via enqueue_in(1 h),
 * job-cancel, job-front, job-snap) and the whole Redis database is compared, key by key, with what
 * RQ 2.10 wrote for the same scenario at every stage its dumps have: QUEUED (with the deferred and the
 * scheduled job), CANCELED, STARTED (from inside job-snap) and AFTER WORKER (with job-retry waiting for
 * its retry).
 *
 * The fixtures (test/fixtures/golden/*.json) are real RQ 2.10.0 key dumps, normalised by
 * test/golden-dump.ts; each names its source dump and every adjustment made to it. Where rqts differs
 * on purpose, a commented rule in test/fixtures/golden/differences.ts rewrites RQ's expected value into
 * the exact value rqts writes (README: "Compatibility with Python RQ"); nothing else may differ.
 * test/interop/golden-113.test.ts makes the same comparison live against Python RQ 1.13.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { Job, Queue, VERSION, keys } from "../src/index.js";
import { applyDifferences, RQTS_ONLY_KEYS, RQTS_VS_RQ_2 } from "./fixtures/golden/differences.js";
import { runScenario, type ScenarioStages } from "./fixtures/golden/scenario.js";
import { goldenDump, selectKeys, shapeOf, type GoldenDump, type GoldenKey } from "./golden-dump.js";
import { useRedis } from "./helpers.js";

const ctx = useRedis();

/** Every TTL and relative score of the scenario is one of these (seconds), give or take 2 s. */
const DURATIONS = [0, 30, 60, 90, 150, 240, 300, 480, 500, 600, 3600, 7200, 31_536_000];

const FIXTURES = { queued: "queued", canceled: "canceled", started: "started", afterWorker: "after-worker" } as const;
type Stage = keyof typeof FIXTURES;

interface Fixture {
  source: string;
  adjustments: string[];
  keys: GoldenDump;
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/golden/${name}.json`, import.meta.url), "utf8")) as Fixture;
}

/** RQ 2.10's database at `stage`, with rqts's documented differences applied. */
function expected(stage: Stage): GoldenDump {
  return applyDifferences(fixture(FIXTURES[stage]).keys, fixture(FIXTURES.queued).keys, RQTS_VS_RQ_2).dump;
}

let stages: ScenarioStages<GoldenDump> | undefined;

beforeAll(async () => {
  stages = await runScenario(ctx.redis, () => goldenDump(ctx.redis, { durations: DURATIONS, omit: RQTS_ONLY_KEYS }));
});

function actual(stage: Stage): GoldenDump {
  if (!stages) throw new Error("the scenario did not run (see the beforeAll error)");
  return stages[stage];
}

/** The named keys (`undefined` for a missing one, so "absent on both sides" is compared too). */
function pick(dump: GoldenDump, names: readonly string[]): Record<string, GoldenKey | undefined> {
  return Object.fromEntries(names.map((name) => [name, dump[name]]));
}

function expectSame(stage: Stage, names: readonly string[]): void {
  expect(pick(actual(stage), names)).toEqual(pick(expected(stage), names));
}

describe("the golden layout of RQ 2.10 (rq-layout.md §2.8, the whole scenario)", () => {
  describe("QUEUED: after the enqueues", () => {
    it("writes exactly the keys RQ 2.10 writes, with the same types and TTLs", () => {
      expect(shapeOf(actual("queued"))).toEqual(shapeOf(expected("queued")));
    });

    it("adds the queue key to rq:queues and lists the ids in rq:queue:default, the at-front job first", () => {
      expectSame("queued", ["rq:queues", "rq:queue:default"]);
    });

    it("writes the job hash fields RQ 2.10 writes at enqueue, '' for the unset ones, and expires the job after its ttl", () => {
      expectSame("queued", ["rq:job:job-cancel", "rq:job:job-front", "rq:job:job-snap"]);
    });

    it("stores a Retry as retries_left and retry_intervals (interval 0 when none is given)", () => {
      expectSame("queued", ["rq:job:job-fail", "rq:job:job-retry"]);
    });

    it("stores on_success by name with RQ 2.x's default callback timeout of 60 s", () => {
      expectSame("queued", ["rq:job:job-ok"]);
    });

    it("defers a job whose dependency has not finished: rq:deferred scored now, the dependents set, the double-colon dependencies set, dependency_id(s) and enqueue_at_front, no enqueued_at", () => {
      expectSame("queued", ["rq:deferred:default", "rq:job:job-dep", "rq:job:job-ok:dependents", "rq:job::job-dep:dependencies"]);
    });

    it("schedules an enqueue_in job in rq:scheduled, scored with its due time, status scheduled and no enqueued_at", () => {
      expectSame("queued", ["rq:scheduled:default", "rq:job:job-sched"]);
    });

    it("matches RQ 2.10's whole database", () => {
      expect(actual("queued")).toEqual(expected("queued"));
    });
  });

  describe("CANCELED: after job.cancel()", () => {
    it("takes the job off rq:queue:default and adds it to rq:canceled:default, scored with the time of cancel", () => {
      expectSame("canceled", ["rq:queue:default", "rq:canceled:default"]);
    });

    it("sets status canceled and leaves the rest of the job hash, without a TTL, as it was", () => {
      expectSame("canceled", ["rq:job:job-cancel"]);
    });

    it("matches RQ 2.10's whole database", () => {
      expect(actual("canceled")).toEqual(expected("canceled"));
    });
  });

  describe("STARTED: seen from inside the running job", () => {
    it("adds `{id}:{execution}` to rq:wip:default, scored now + the heartbeat ttl", () => {
      expectSame("started", ["rq:wip:default"]);
    });

    it("writes the execution hash (id, created_at, last_heartbeat) and the rq:executions zset, both expiring", () => {
      expectSame("started", ["rq:execution:job-snap:<exec>", "rq:executions:job-snap"]);
    });

    it("marks the job hash started with started_at, last_heartbeat and worker_name, and removes its TTL", () => {
      expectSame("started", ["rq:job:job-snap"]);
    });

    it("shows the worker busy on the job in its hash, and lists it in rq:workers and rq:workers:default", () => {
      expectSame("started", ["rq:worker:w-simple", "rq:workers", "rq:workers:default"]);
    });

    it("has the earlier jobs finished, with their results and registry entries", () => {
      expectSame("started", ["rq:job:job-front", "rq:finished:default", "rq:results:job-front", "rq:results:job-ok"]);
    });

    it("has run job-ok's on_success callback, whose meta it saved, before recording the success", () => {
      expectSame("started", ["rq:job:job-ok"]);
    });

    it("queued the dependent job-dep at the front once job-ok finished, ran it, and expired its dependencies set with it; job-ok's dependents set is gone", () => {
      expectSame("started", ["rq:job:job-dep", "rq:results:job-dep", "rq:job::job-dep:dependencies", "rq:job:job-ok:dependents", "rq:deferred:default"]);
    });

    it("re-queued job-fail at once for its retry (interval 0): at the end of rq:queue:default, retries_left 0, no result entry, not failed", () => {
      expectSame("started", ["rq:queue:default", "rq:job:job-fail", "rq:results:job-fail", "rq:failed:default"]);
    });

    it("scheduled job-retry's retry intervals[0] = 30 s later: rq:scheduled scored now + 30, status scheduled, retries_left 1, no result entry", () => {
      expectSame("started", ["rq:scheduled:default", "rq:job:job-retry", "rq:results:job-retry"]);
    });

    it("matches RQ 2.10's whole database", () => {
      expect(actual("started")).toEqual(expected("started"));
    });
  });

  describe("AFTER WORKER: once a burst worker has run every job", () => {
    it("keeps finished jobs and their results for result_ttl (default 500 s), for ever with -1, scored alike in rq:finished", () => {
      expectSame("afterWorker", [
        "rq:job:job-ok",
        "rq:job:job-front",
        "rq:job:job-snap",
        "rq:job:job-dep",
        "rq:results:job-ok",
        "rq:results:job-front",
        "rq:results:job-snap",
        "rq:results:job-dep",
        "rq:finished:default",
      ]);
    });

    it("fails job-fail once its retry failed too: a year (the default failure_ttl) in its hash and rq:failed, its result stream for ever", () => {
      expectSame("afterWorker", ["rq:job:job-fail", "rq:failed:default", "rq:results:job-fail", "rq:queue:default"]);
    });

    it("writes each result with type, worker_name, return_value or exc_string, and the execution's id and times", () => {
      expect(selectKeys(actual("afterWorker"), /^rq:results:/)).toEqual(selectKeys(expected("afterWorker"), /^rq:results:/));
    });

    it("stores the error text with `Name: message` as its last line, as a Python traceback ends", async () => {
      const job = await new Queue("default", { connection: ctx.redis }).fetchJob("job-fail");
      const text = (await job!.latestResult())?.excString ?? "";
      expect(text.trimEnd().split("\n").at(-1)).toBe("ValueError: kaput");
    });

    it("leaves job-retry scheduled for its retry and job-sched for its due time: a burst worker without a scheduler queues neither", () => {
      expectSame("afterWorker", ["rq:scheduled:default", "rq:job:job-retry", "rq:job:job-sched"]);
    });

    it("records the worker's death: out of rq:workers and rq:workers:default, death stamped, counters kept, key expiring in 60 s", () => {
      expectSame("afterWorker", ["rq:worker:w-simple", "rq:workers", "rq:workers:default"]);
    });

    it("leaves no execution, rq:wip, intermediate or maintenance-lock key behind", () => {
      const leftovers = (dump: GoldenDump) => Object.keys(selectKeys(dump, /^rq:(execution|executions|wip|clean_registries):|:intermediate/));
      expect(leftovers(actual("afterWorker"))).toEqual(leftovers(expected("afterWorker")));
      expect(leftovers(actual("afterWorker"))).toEqual([]);
    });

    it("matches RQ 2.10's whole database", () => {
      expect(actual("afterWorker")).toEqual(expected("afterWorker"));
    });
  });

  describe("tolerated differences", () => {
    it("writes rqts's version and Node's version where RQ writes its own and Python's", async () => {
      const [version, runtime] = await ctx.redis.hmget(keys.worker("w-simple"), "version", "python_version");
      expect(version).toBe(VERSION);
      expect(runtime).toBe(`rqts on node ${process.version}`);
    });

    it("counts finished and failed jobs per minute in rqts's own rq:throughput keys, which the comparison leaves out", async () => {
      const totals = { finished: 0, failed: 0 };
      for (const key of await ctx.redis.keys("rq:throughput:default:*")) {
        const [finished, failed] = await ctx.redis.hmget(key, "finished", "failed");
        totals.finished += Number(finished ?? 0);
        totals.failed += Number(failed ?? 0);
      }
      // job-front, job-ok, job-dep and job-snap finished; job-fail failed once its retry had failed too
      expect(totals).toEqual({ finished: 4, failed: 1 });
    });

    it("counts every retry in number_of_retries, which job.attempts reads", async () => {
      const [failed, retrying] = await Promise.all([Job.fetch(ctx.redis, "job-fail"), Job.fetch(ctx.redis, "job-retry")]);
      expect([failed.attempts, retrying.attempts]).toEqual([2, 2]);
      expect(await ctx.redis.hget(keys.job("job-ok"), "number_of_retries")).toBeNull();
    });

    it("reads only fixtures kept in the repository, each naming the RQ dump it was derived from and listing its adjustments", () => {
      for (const name of Object.values(FIXTURES)) {
        expect(fixture(name).source).toMatch(/^rq-dumps\/2\.10\/stage_\w+\.txt/);
        expect(fixture(name).adjustments.length).toBeGreaterThan(0);
      }
    });
  });
});
