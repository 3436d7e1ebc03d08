/**
 * `rqts enqueue`, `job`, `requeue`, `cancel`, `stop`, `empty`, `suspend` and `resume`: the real binary
 * in child processes against a throwaway Redis, success and failure paths.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Job, Queue, Worker, isSuspended } from "../../src/index.js";
import { ensureBuilt, rqts } from "../fixtures/cli/run-cli.js";
import { add, allTasks, boom, sleepUntilAborted } from "../fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();

beforeAll(ensureBuilt, 120_000);

function cli(...args: string[]) {
  return rqts(args, { redisUrl: ctx.server.url });
}

function queue(prefix: string): Queue {
  return new Queue(uniqueQueue(prefix), { connection: ctx.redis });
}

async function runBurst(q: Queue): Promise<void> {
  await new Worker(q.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false }).run({ burst: true });
}

describe("rqts enqueue", () => {
  it("enqueues a call by task name with its options, and prints the job id", async () => {
    const q = queue("cli-enqueue");
    const run = await cli("enqueue", q.name, "tests.add", "[2, 40]", "--job-id", "answer-1", "--timeout", "90", "--meta", '{"owner":"ops"}');
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Enqueued answer-1 on ${q.name}: tests.add(2, 40) (queued)\n`);
    const job = await Job.fetch(ctx.redis, "answer-1");
    expect(job).toMatchObject({ taskName: "tests.add", args: [2, 40], timeout: 90, meta: { owner: "ops" }, status: "queued" });
    await runBurst(q);
    expect(await job.returnValue()).toBe(42);
  });

  it("schedules with --in or --at, printing JSON with --json", async () => {
    const q = queue("cli-later");
    const later = await cli("enqueue", q.name, "tests.add", "[1, 1]", "--in", "10m");
    expect(later.stdout).toMatch(/\(scheduled for \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/);
    const at = await cli("enqueue", q.name, "tests.add", "--at", "2030-01-31T09:00:00Z", "--json");
    const printed = JSON.parse(at.stdout) as { id: string; status: string; due: string };
    expect(printed).toMatchObject({ status: "scheduled", due: "2030-01-31T09:00:00.000Z" });
    expect(await q.scheduled.scoreOf(printed.id)).toBe(Date.parse("2030-01-31T09:00:00Z") / 1000);
    expect(await q.scheduled.count()).toBe(2);
  });

  it("exits 2 on malformed JSON args, args that are not a list, and bad option values, enqueueing nothing", async () => {
    const q = queue("cli-bad-enqueue");
    const cases: Array<[string[], RegExp]> = [
      [["[1, 2"], /json-args is not valid JSON .*pass e\.g\. '\[1, "two", \{"three": 3\}\]'/],
      [['{"a": 1}'], /json-args must be a JSON array/],
      [["[]", "--in", "10m", "--at", "2030-01-01T00:00:00Z"], /Give --in or --at, not both/],
      [["[]", "--at", "tomorrow"], /--at "tomorrow" is not an ISO 8601 date/],
      [["[]", "--in", "soon"], /--in "soon" is not a duration/],
      [["[]", "--job-id", "has:colon"], /jobId "has:colon" is invalid/],
      [["[]", "--bogus"], /Unknown option --bogus\. Run "rqts enqueue --help"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli("enqueue", q.name, "tests.add", ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect(await q.count()).toBe(0);
  });
});

describe("rqts job", () => {
  it("shows status, call, timestamps, traceback and dependencies of a job", async () => {
    const q = queue("cli-job");
    const failed = await q.enqueue(boom, ["printer on fire"]);
    const child = await q.enqueue(add, [1, 1], { dependsOn: failed });
    await runBurst(q);
    const run = await cli("job", failed.id);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Job ${failed.id}`);
    expect(run.stdout).toMatch(/status +failed/);
    expect(run.stdout).toMatch(/call +tests\.boom\('printer on fire'\)/);
    expect(run.stdout).toMatch(/ended +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(\d+s ago\)/);
    expect(run.stdout).toMatch(/Error \(failed at .* by [0-9a-f]+\):\n {2}Traceback/);
    expect(run.stdout).toContain("  TypeError: printer on fire");
    const childView = await cli("job", child.id);
    expect(childView.stdout).toMatch(new RegExp(`depends on +${failed.id} \\(failed\\)`));
    expect(childView.stdout).toMatch(/status +deferred/);
  });

  it("prints the job view as JSON with --json", async () => {
    const q = queue("cli-job-json");
    const job = await q.enqueue(add, [3, 4]);
    await runBurst(q);
    const view = JSON.parse((await cli("job", job.id, "--json")).stdout) as Record<string, unknown>;
    expect(view).toMatchObject({ id: job.id, status: "finished", queue: q.name, args: [3, 4], latestResult: { type: "successful", returnValue: 7 } });
  });

  it("exits 1 for an unknown job id", async () => {
    const run = await cli("job", "no-such-job");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('rqts job: No job with id "no-such-job" exists in Redis (it was never enqueued, was deleted, or its TTL expired)\n');
  });
});

describe("rqts requeue", () => {
  it("requeues every failed job of a queue in batches, with progress on stderr", async () => {
    const q = queue("cli-requeue-all");
    await q.enqueueMany(Array.from({ length: 25 }, (_, n) => ({ task: boom, args: [`no ${n}`] })));
    await runBurst(q);
    const run = await cli("requeue", "--all", "--queue", q.name, "--batch", "10");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("Requeued 25 jobs.\n");
    expect(run.stderr.trim().split("\n")).toEqual(["requeueing 10/25 (40%)", "requeueing 20/25 (80%)", "requeueing 25/25 (100%)"]);
    expect(await q.count()).toBe(25);
    expect(await q.failed.count()).toBe(0);
  });

  it("requeues jobs by id and exits 1 listing the ids it could not requeue", async () => {
    const q = queue("cli-requeue-ids");
    const failed = await q.enqueue(boom, ["x"]);
    const finished = await q.enqueue(add, [1, 1]);
    await runBurst(q);
    const run = await cli("requeue", failed.id, finished.id, "ghost");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("Requeued 1 job.\n");
    expect(run.stderr).toContain(`${finished.id}: it is finished: only failed or stopped jobs can be requeued`);
    expect(run.stderr).toContain("ghost: no such job");
    expect(await failed.getStatus()).toBe("queued");
  });

  it("exits 2 without ids or --all, and 1 for an unknown --queue", async () => {
    expect((await cli("requeue")).code).toBe(2);
    const unknown = await cli("requeue", "--all", "--queue", "no-such-queue");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No queue named "no-such-queue"');
  });
});

describe("rqts cancel and stop", () => {
  it("cancels queued jobs and exits 1 for those it cannot cancel", async () => {
    const q = queue("cli-cancel");
    const waiting = await q.enqueue(add, [1, 1]);
    const done = await q.enqueue(add, [2, 2]);
    await new Worker(q.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, maxJobs: 1 }).run();
    expect(await waiting.getStatus()).toBe("finished"); // the first job ran; `done` is still queued
    const run = await cli("cancel", done.id, waiting.id, "ghost");
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`Canceled ${done.id}\n`);
    expect(run.stderr).toContain(`Job "${waiting.id}" is finished and cannot be canceled`);
    expect(run.stderr).toContain('No job with id "ghost"');
    expect(await done.getStatus()).toBe("canceled");
  });

  it("stops a running job through its worker, and refuses a job that is not running", async () => {
    const q = queue("cli-stop");
    const worker = new Worker(q.name, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, name: `stopper-${q.name}` });
    const running = runInBackground(worker);
    try {
      const job = await q.enqueue(sleepUntilAborted, [10_000]);
      await eventually(() => job.getStatus(), (status) => status === "started");
      const run = await cli("stop", job.id);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(`Asked worker stopper-${q.name} to stop job ${job.id}\n`);
      await eventually(() => job.getStatus(), (status) => status === "stopped");
      const again = await cli("stop", job.id);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("is stopped, not started");
    } finally {
      await running.stop();
    }
  });
});

describe("rqts empty, suspend and resume", () => {
  it("empties queues or a registry, and deletes nothing when a queue is unknown", async () => {
    const q = queue("cli-empty");
    await q.enqueue(boom, ["x"]);
    await runBurst(q);
    await q.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }]);
    const unknown = await cli("empty", q.name, "no-such-queue");
    expect(unknown.code).toBe(1);
    expect(await q.count()).toBe(2);
    const run = await cli("empty", q.name);
    expect(run.stdout).toBe(`Emptied ${q.name}: 2 jobs deleted\n`);
    const failed = await cli("empty", q.name, "--registry", "failed");
    expect(failed.stdout).toBe(`Emptied ${q.name} failed registry: 1 job deleted\n`);
    expect(await q.failed.count()).toBe(0);
    const started = await cli("empty", q.name, "--registry", "started");
    expect(started.code).toBe(2);
    expect(started.stderr).toContain("stop them");
  });

  it("suspends workers for a duration and resumes them", async () => {
    const suspend = await cli("suspend", "--duration", "90");
    expect(suspend.stdout).toContain("Workers suspended for 90s");
    expect(await isSuspended(ctx.redis)).toBe(true);
    expect(await ctx.redis.ttl("rq:suspended")).toBeGreaterThan(80);
    const resume = await cli("resume");
    expect(resume.stdout).toBe("Workers resumed: they take jobs again.\n");
    expect(await isSuspended(ctx.redis)).toBe(false);
    expect((await cli("suspend", "--duration", "0")).code).toBe(2);
  });
});
