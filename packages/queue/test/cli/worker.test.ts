/**
 * `rqts worker`, the real binary in a child process, against a throwaway Redis.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { freePort } from "@rqts/testing";
import { Queue } from "../../src/index.js";
import { ensureBuilt, rqts, startRqts } from "../fixtures/cli/run-cli.js";
import { uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();
const JS_TASKS = "test/fixtures/cli/tasks.mjs";

beforeAll(ensureBuilt, 120_000);

function queue(prefix: string): Queue {
  return new Queue(uniqueQueue(prefix), { connection: ctx.redis });
}

describe("rqts worker", () => {
  it("runs the jobs of a JavaScript task module, one line per job event, with job data escaped", async () => {
    const q = queue("cli-worker");
    const ok = await q.enqueue("cli.add", [2, 3]);
    const bad = await q.enqueue("cli.boom", ["disk full"]);
    const sneaky = await q.enqueue("cli.escape", []);
    const run = await rqts(["worker", q.name, "--tasks", JS_TASKS, "--burst"], { redisUrl: ctx.server.url });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Loaded 5 task\(s\) from .*tasks\.mjs: cli\.add, cli\.boom/);
    expect(run.stdout).toMatch(new RegExp(`started +${q.name} ${ok.id} cli\\.add\\(2, 3\\)`));
    expect(run.stdout).toMatch(new RegExp(`finished +${q.name} ${ok.id} \\d+ ms → 5`));
    expect(run.stdout).toMatch(new RegExp(`failed +${q.name} ${bad.id} \\d+ ms TypeError: disk full`));
    expect(run.stdout).toContain(`${sneaky.id} `);
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).toContain("\\u001b[2Jgotcha");
    expect(await ok.returnValue()).toBe(5);
    expect(await bad.getStatus()).toBe("failed");
  });

  it("prints one JSON document per event with --json", async () => {
    const q = queue("cli-json");
    const job = await q.enqueue("cli.add", [20, 22]);
    const run = await rqts(["worker", q.name, "--tasks", JS_TASKS, "--burst", "--json"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    const events = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.filter((e) => e.event === "log").length).toBeGreaterThanOrEqual(2);
    expect(events.find((e) => e.event === "started")).toMatchObject({ queue: q.name, job_id: job.id, description: "cli.add(20, 22)" });
    const finished = events.find((e) => e.event === "finished");
    expect(finished).toMatchObject({ queue: q.name, job_id: job.id, result: 42 });
    expect(typeof finished?.seconds).toBe("number");
  });

  it("loads a TypeScript task module through tsx", async () => {
    const q = queue("cli-ts");
    const job = await q.enqueue("cli.ts.greet", ["world"]);
    const run = await rqts(["worker", q.name, "--tasks", "test/fixtures/cli/tasks.ts", "--burst"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Loaded 1 task\(s\) from .*tasks\.ts: cli\.ts\.greet/);
    expect(await job.returnValue()).toBe("HELLO, WORLD");
  });

  it("runs jobs in child processes with --isolation process", async () => {
    const q = queue("cli-iso");
    const job = await q.enqueue("cli.pid", []);
    const worker = startRqts(["worker", q.name, "--tasks", JS_TASKS, "--burst", "--isolation", "process"], { redisUrl: ctx.server.url });
    const run = await worker.done;
    expect(run.code).toBe(0);
    const pid = await job.returnValue();
    expect(typeof pid).toBe("number");
    expect(pid).not.toBe(worker.pid);
  });

  it("queues due scheduled jobs with --with-scheduler and stops after --max-jobs", async () => {
    const q = queue("cli-sched");
    const due = await q.enqueueAt(new Date(Date.now() - 1_000), "cli.add", [1, 1]);
    const [first, second] = await q.enqueueMany([{ task: "cli.add", args: [2, 2] }, { task: "cli.add", args: [3, 3] }]);
    const run = await rqts(["worker", q.name, "--tasks", JS_TASKS, "--with-scheduler", "--max-jobs", "2"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    expect(await first!.getStatus()).toBe("finished");
    expect(await second!.getStatus()).toBe("finished");
    expect(await due.getStatus()).toBe("queued"); // the scheduler queued it behind them; max-jobs stopped the worker
  });

  it("finishes running jobs on the first SIGTERM (warm) and aborts them on a second signal (cold)", async () => {
    const q = queue("cli-signals");
    const warmJob = await q.enqueue("cli.sleep", [800]);
    const warm = startRqts(["worker", q.name, "--tasks", JS_TASKS], { redisUrl: ctx.server.url });
    await warm.waitFor(`started   ${q.name} ${warmJob.id}`);
    warm.signal("SIGTERM");
    const warmRun = await warm.done;
    expect(warmRun.code).toBe(0);
    expect(warmRun.stdout).toContain("warm shutdown");
    expect(await warmJob.getStatus()).toBe("finished");

    const coldJob = await q.enqueue("cli.sleep", [60_000]);
    const cold = startRqts(["worker", q.name, "--tasks", JS_TASKS], { redisUrl: ctx.server.url });
    await cold.waitFor(`started   ${q.name} ${coldJob.id}`);
    cold.signal("SIGINT");
    await cold.waitFor("warm shutdown");
    cold.signal("SIGINT");
    const coldRun = await cold.done;
    expect(coldRun.code).toBe(0);
    expect(coldRun.stderr).toContain("cold shutdown");
    expect(await coldJob.getStatus()).toBe("failed");
  });
});

describe("rqts worker: failures", () => {
  it("exits 1 with the module's error when the task module throws on load", async () => {
    const run = await rqts(["worker", "q", "--tasks", "test/fixtures/cli/throws-on-load.mjs"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Could not load the task module .*throws-on-load\.mjs/);
    expect(run.stderr).toContain("Error: DATABASE_URL is not set: cannot start");
  });

  it("exits 1 when the task module exports no tasks", async () => {
    const run = await rqts(["worker", "q", "--tasks", "test/fixtures/cli/no-tasks.mjs"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("exports no tasks");
  });

  it("exits 2 without --tasks, with a module that does not exist, or with a bad option value", async () => {
    const missing = await rqts(["worker", "q"], { redisUrl: ctx.server.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("needs --tasks <module>");
    const nowhere = await rqts(["worker", "--tasks", "./nowhere.js"], { redisUrl: ctx.server.url });
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr).toContain("no such file");
    const concurrency = await rqts(["worker", "--tasks", JS_TASKS, "--concurrency", "many"], { redisUrl: ctx.server.url });
    expect(concurrency.code).toBe(2);
    expect(concurrency.stderr).toContain('--concurrency must be a whole number from 1 to 10000; got "many"');
  });

  it("exits 1 instead of retrying for ever when Redis cannot be reached", async () => {
    const port = await freePort();
    // a worker that kept retrying would be killed by the runner's timeout: no exit code, no message
    const run = await rqts(["worker", "--tasks", JS_TASKS, "--url", `redis://127.0.0.1:${port}`], { redisUrl: ctx.server.url });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Cannot reach Redis at redis://127.0.0.1:${port} (from --url): connection refused`);
  });
});
