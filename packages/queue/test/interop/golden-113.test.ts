/**
 * Golden layout, live against Python RQ 1.13 (Debian's python3-rq): the scenario of rq-layout.md §2.8
 * runs with real RQ (test/fixtures/interop/golden_scenario.py: JSONSerializer, a burst SimpleWorker)
 * on one database of this file's private Redis, and with rqts (test/fixtures/golden/scenario.ts) on
 * another. Both are dumped with test/golden-dump.ts at every stage (QUEUED, CANCELED, STARTED from
 * inside job-snap, AFTER WORKER) and compared key by key: the same keys, types, TTLs, hash fields and
 * decoded values, registry members and relative scores.
 *
 * rqts writes RQ 2.x's layout, so RQ 1.13's dump is first rewritten into what RQ 2.x writes by the
 * table below (the only 1.13-vs-2.x differences allowed), then into what rqts writes by rqts's
 * documented differences from RQ 2.10 (test/fixtures/golden/differences.ts).
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDifferences, JOB_HASH, keysOfType, RQTS_ONLY_KEYS, RQTS_VS_RQ_2, type Difference } from "../fixtures/golden/differences.js";
import { runScenario, type ScenarioStages } from "../fixtures/golden/scenario.js";
import { goldenDump, selectKeys, shapeOf, type GoldenDump } from "../golden-dump.js";
import { useRedis } from "../helpers.js";
import { describeInterop, RQ_VERSION } from "./gate.js";
import { python } from "./python.js";

const ctx = useRedis();

/** Databases of the one throwaway server: RQ 1.13's run, rqts's run, and job-snap's side channel. */
const DB = { python: 1, rqts: 2, signal: 3 } as const;

/** Every TTL and relative score of the scenario is one of these (seconds); 899 is RQ's maintenance lock. */
const DURATIONS = [0, 30, 60, 90, 150, 240, 300, 480, 500, 600, 899, 3600, 7200, 31_536_000];

/**
 * How far a score may stray from a duration. Each RQ step is a Python process of its own, so a stage
 * can span a few seconds on a busy machine, and scores are made relative to the time of the dump.
 */
const SLACK_SECONDS = 5;

/**
 * RQ 1.13 vs RQ 2.x: every difference the §2.8 scenario shows, as a rule that rewrites RQ 1.13's dump
 * into what RQ 2.x (SimpleWorker) writes for it (rq-layout.md §0.3, §2.1, §2.2, §2.3, §2.9).
 *
 * | RQ 1.13 writes                                   | RQ 2.x writes                                              |
 * |--------------------------------------------------|------------------------------------------------------------|
 * | job hashes without group_id, stopped_callback_name | both, as '' when unset, on every job                      |
 * | a callback name without its timeout              | success_callback_timeout '60' (and failure_/stopped_) too  |
 * | rq:wip members as plain job ids                  | `{id}:{execution}`, plus rq:execution:{id}:{e} (hash,      |
 * |                                                  | heartbeat ttl) and rq:executions:{id} (zset, ttl + 60)     |
 * | result entries: type, return_value / exc_string  | also worker_name, execution_id, execution_started_at,      |
 * |                                                  | execution_ended_at                                         |
 * | rq:clean_registries:{q} left to expire (899 s)   | deleted when maintenance is done                           |
 *
 * Differences this scenario cannot show, hence no rule: 1.13 writes `exc_info` into the hash of a job
 * it finds abandoned, where 2.x adds a result entry (no job is abandoned here); 1.13's scheduler lock
 * holds a pid, 2.x's a scheduler name (no scheduler runs here); 1.13 dequeues with BLPOP, 2.x through
 * rq:queue:{q}:intermediate (which is empty again by the time of any dump). number_of_retries is not a
 * 1.13-vs-2.x difference here: RQ 2.10 leaves it out for Retry(max=…) too; rqts's rule covers it.
 */
const RQ_113_VS_2: readonly Difference[] = [
  {
    why: "2.x writes group_id and stopped_callback_name ('' when unset) in every job hash",
    apply: (expected) => {
      for (const [, job] of keysOfType(expected, "hash", JOB_HASH)) {
        job.fields.group_id ??= "";
        job.fields.stopped_callback_name ??= "";
      }
    },
  },
  {
    why: "2.x stores each callback's timeout next to its name (default 60 s)",
    apply: (expected) => {
      for (const [, job] of keysOfType(expected, "hash", JOB_HASH)) {
        for (const kind of ["success", "failure", "stopped"]) {
          if (job.fields[`${kind}_callback_name`]) job.fields[`${kind}_callback_timeout`] ??= "60";
        }
      }
    },
  },
  {
    why: "2.x registers a running job as `{id}:{execution}` in rq:wip, with an execution hash and an rq:executions zset",
    apply: (expected) => {
      for (const [, wip] of keysOfType(expected, "zset", /^rq:wip:/)) {
        for (const [member, score] of Object.entries(wip.members)) {
          if (member.includes(":")) continue;
          // the heartbeat ttl is the wip score's distance from now; the executions zset lives 60 s longer
          const ttl = Number(/^now\+(\d+)$/.exec(score)?.[1]);
          delete wip.members[member];
          wip.members[`${member}:<exec>`] = score;
          expected[`rq:execution:${member}:<exec>`] = {
            type: "hash",
            ttl,
            fields: { created_at: "<epoch>", id: "<exec>", last_heartbeat: "<epoch>" },
          };
          expected[`rq:executions:${member}`] = { type: "zset", ttl: ttl + 60, members: { "<exec>": `now+${ttl + 60}` } };
        }
      }
    },
  },
  {
    why: "2.x result entries also name the worker and the execution (id, start and end times)",
    apply: (expected) => {
      for (const [key, results] of keysOfType(expected, "stream", /^rq:results:/)) {
        const job = expected[`rq:job:${key.slice("rq:results:".length)}`];
        const workerName = job?.type === "hash" ? job.fields.worker_name : undefined;
        for (const entry of results.entries) {
          entry.fields.worker_name ??= workerName;
          entry.fields.execution_id ??= "<exec>";
          entry.fields.execution_started_at ??= "<epoch>";
          entry.fields.execution_ended_at ??= "<epoch>";
        }
      }
    },
  },
  {
    why: "2.x deletes the maintenance lock rq:clean_registries:{q} when maintenance is done",
    apply: (expected) => {
      for (const [key] of keysOfType(expected, "string", /^rq:clean_registries:/)) delete expected[key];
    },
  },
];

const STAGES = {
  queued: "QUEUED: after the enqueues, with job-dep deferred and job-sched scheduled",
  canceled: "CANCELED: after job.cancel()",
  started: "STARTED: seen from inside the running job-snap",
  afterWorker: "AFTER WORKER: job-fail failed after its retry, job-retry scheduled for its next one",
} as const;
type Stage = keyof typeof STAGES;

const clients: Redis[] = [];
let rq113: ScenarioStages<GoldenDump> | undefined;
let rqts: ScenarioStages<GoldenDump> | undefined;

function database(db: number): Redis {
  const client = new Redis(`${ctx.server.url}/${db}`, { maxRetriesPerRequest: null });
  client.on("error", () => undefined); // the server stops at the end of the file
  clients.push(client);
  return client;
}

/** Dumps `redis`'s database; `omit` leaves out keys that are no part of RQ's layout. */
function dumper(redis: Redis, omit?: RegExp): () => Promise<GoldenDump> {
  return () => goldenDump(redis, { durations: DURATIONS, slack: SLACK_SECONDS, omit });
}

/** Runs golden_scenario.py's steps with RQ 1.13, dumping the database after each. */
async function runWithPython(): Promise<ScenarioStages<GoldenDump>> {
  const url = `${ctx.server.url}/${DB.python}`;
  const dump = dumper(database(DB.python));
  const signal = database(DB.signal);
  const step = (call: string) => python(url, `import golden_scenario\ngolden_scenario.${call}\nprint(json.dumps(True))`);

  await step("enqueue(c)");
  const queued = await dump();
  await step("cancel(c)");
  const canceled = await dump();
  const work = step(`work(c, ${JSON.stringify(`${ctx.server.url}/${DB.signal}`)})`);
  // job-snap announces itself on the side channel and waits there while the database is dumped
  const running = await Promise.race([signal.blpop("golden:running", 30), work.then(() => null)]);
  if (!running) throw new Error("RQ 1.13's worker ended (or 30 s passed) without running job-snap");
  const started = await dump();
  await signal.rpush("golden:resume", "go");
  await work;
  return { queued, canceled, started, afterWorker: await dump() };
}

/** RQ 1.13's database at `stage`, rewritten into RQ 2.x's and then rqts's layout. */
function expected(stage: Stage): { dump: GoldenDump; used: Difference[] } {
  if (!rq113) throw new Error("RQ 1.13 did not run the scenario (see the beforeAll error)");
  const as2 = applyDifferences(rq113[stage], rq113.queued, RQ_113_VS_2);
  return { dump: applyDifferences(as2.dump, rq113.queued, RQTS_VS_RQ_2).dump, used: as2.used };
}

function actual(stage: Stage): GoldenDump {
  if (!rqts) throw new Error("rqts did not run the scenario (see the beforeAll error)");
  return rqts[stage];
}

function expectSame(stage: Stage, pattern: RegExp): void {
  expect(selectKeys(actual(stage), pattern)).toEqual(selectKeys(expected(stage).dump, pattern));
}

describeInterop(`the golden layout of Python RQ ${RQ_VERSION ?? "1.13"}, live (rq-layout.md §2.8)`, () => {
  beforeAll(async () => {
    rq113 = await runWithPython();
    const redis = database(DB.rqts);
    rqts = await runScenario(redis, dumper(redis, RQTS_ONLY_KEYS));
  }, 90_000);

  afterAll(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  it("runs against RQ 1.x, the version the difference table describes", () => {
    expect(RQ_VERSION).toMatch(/^1\./);
  });

  it("needs every row of the 1.13-vs-2.x table at some stage: none is stale", () => {
    const used = new Set((Object.keys(STAGES) as Stage[]).flatMap((stage) => expected(stage).used));
    expect(RQ_113_VS_2.filter((rule) => !used.has(rule)).map((rule) => rule.why)).toEqual([]);
  });

  for (const [stage, title] of Object.entries(STAGES) as Array<[Stage, string]>) {
    describe(title, () => {
      it("has the keys RQ 1.13 has (2.x's execution keys aside), with the same types and TTLs", () => {
        expect(shapeOf(actual(stage))).toEqual(shapeOf(expected(stage).dump));
      });

      it("writes every job hash with RQ 1.13's fields and decoded values, plus 2.x's fields", () => {
        expectSame(stage, /^rq:job:[^:]+$/);
      });

      it("lists the same ids in the queue, the registries and the dependency sets, with the same relative scores", () => {
        expectSame(stage, /^rq:(queues|queue:|wip:|finished:|failed:|deferred:|scheduled:|canceled:)|^rq:job::?[^:]+:depend/);
      });

      if (stage === "started" || stage === "afterWorker") {
        it("writes the same result entries, with 2.x's worker_name and execution fields", () => {
          expectSame(stage, /^rq:results:/);
        });

        it("keeps the worker hash and the worker sets as RQ 1.13 does", () => {
          expectSame(stage, /^rq:workers?(:|$)/);
        });
      }

      it("matches RQ 1.13's whole database, once the documented differences are accounted for", () => {
        expect(actual(stage)).toEqual(expected(stage).dump);
      });
    });
  }
});
