/**
 * `isolation: "process"`: jobs run in a pool of long-lived child processes (work-horses) that load the
 * task module (test/fixtures/isolated-tasks.ts) once each. Every load appends the child's pid to a
 * log file (RQTS_TEST_LOAD_LOG), which tells how many children started, and which.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { fileURLToPath, pathToFileURL } from "node:url";
import { InvalidArgumentError, Queue, Worker, type Job, type WorkerOptions } from "../src/index.js";
import { encodePayload } from "../src/serializer.js";
import type { ClaimedJob } from "../src/worker/fetcher.js";
import { JobAbort } from "../src/worker/job-abort.js";
import { ProcessExecutor, planChildren } from "../src/worker/process-executor.js";
import { add } from "./fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();
const tasksModule = fileURLToPath(new URL("./fixtures/isolated-tasks.ts", import.meta.url));

let scratch: string;
let loadLog: string;

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), "rqts-isolation-"));
  loadLog = join(scratch, "loads.log");
  writeFileSync(loadLog, "");
  process.env.RQTS_TEST_LOAD_LOG = loadLog; // children inherit it when they are forked
});

afterEach(() => {
  delete process.env.RQTS_TEST_LOAD_LOG;
  rmSync(scratch, { recursive: true, force: true });
});

/** Pids of the children that loaded the task module, in order. */
function loads(): number[] {
  return readFileSync(loadLog, "utf8").split("\n").filter(Boolean).map(Number);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function setup(options: Partial<WorkerOptions> = {}) {
  const queue = new Queue(uniqueQueue("iso"), { connection: ctx.redis });
  const worker = new Worker(queue.name, {
    connection: ctx.redis,
    isolation: "process",
    tasksModule,
    logger: false,
    handleSignals: false,
    ...options,
  });
  return { queue, worker };
}

async function excString(job: Job): Promise<string> {
  return (await job.latestResult())?.excString ?? "";
}

/** Waits until an `iso.forever` job runs, and returns the pid of its child (which it writes to meta). */
async function runningIn(job: Job): Promise<number> {
  const meta = await eventually(
    async () => (await job.refresh(), job.meta),
    (m) => typeof m.pid === "number",
  );
  return meta.pid as number;
}

function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}

/** A job as the fetcher hands it to an executor, for driving ProcessExecutor directly. */
function claimed(taskName: string, args: unknown[] = [], fields: Record<string, string> = {}): ClaimedJob {
  return {
    queue: "direct",
    id: randomUUID(),
    execution: "e1",
    fields: { timeout: "30", ...fields },
    data: encodePayload({ taskName, args, kwargs: {} }),
    startedAtEpoch: String(Date.now() / 1000),
  };
}

describe("process isolation", () => {
  it("runs jobs in child processes and stores their results", async () => {
    const { queue, worker } = setup();
    const sum = await queue.enqueue("iso.add", [2, 3]);
    const echoed = await queue.enqueue("iso.echo", [1, "a"], {}); // exported inside an object
    const nothing = await queue.enqueue("iso.nothing", []); // exported inside the default array
    const pid = await queue.enqueue("iso.pid", []);
    await worker.run({ burst: true });
    expect(await sum.returnValue()).toBe(5);
    expect(await echoed.returnValue()).toEqual([1, "a"]);
    expect(await nothing.getStatus()).toBe("finished");
    expect(await nothing.returnValue()).toBeNull();
    const childPid = await pid.returnValue();
    expect(childPid).not.toBe(process.pid);
    expect(loads()).toEqual([childPid]);
    expect(await queue.finished.count()).toBe(4);
  });

  it("reuses its children: 20 jobs run in `concurrency` processes, each loading the task module once", async () => {
    const { queue, worker } = setup({ concurrency: 3 });
    const jobs = await queue.enqueueMany(Array.from({ length: 20 }, () => ({ task: "iso.pid", args: [15] })));
    await worker.run({ burst: true });
    const pids = await Promise.all(jobs.map((job) => job.returnValue()));
    expect(loads()).toHaveLength(3);
    expect(new Set(pids)).toEqual(new Set(loads()));
  });

  it("kills a job that ignores its signal at its timeout, fails it with JobTimeoutError, and replaces the child", async () => {
    const { queue, worker } = setup();
    const stuck = await queue.enqueue("iso.spin", [], { timeout: "1s" }); // blocks its event loop: only a kill ends it
    const next = await queue.enqueue("iso.pid", []);
    const started = Date.now();
    await worker.run({ burst: true });
    // iso.spin never returns: the run ends only because its child was killed (the bound is generous for loaded CI machines)
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await stuck.getStatus()).toBe("failed");
    expect(lastLine(await excString(stuck))).toBe("JobTimeoutError: Task exceeded maximum timeout value (1 seconds)");
    const [killed, replacement] = loads();
    expect(loads()).toHaveLength(2);
    await eventually(async () => alive(killed!), (a) => !a, 5_000);
    expect(await next.returnValue()).toBe(replacement);
  });

  it("fails only the job whose child exits, naming the exit code, and runs later jobs in a replacement", async () => {
    const { queue, worker } = setup({ concurrency: 2 });
    const before = await queue.enqueueMany(Array.from({ length: 3 }, () => ({ task: "iso.pid", args: [10] })));
    const exits = await queue.enqueue("iso.exit", [3]);
    const after = await queue.enqueueMany(Array.from({ length: 4 }, () => ({ task: "iso.pid", args: [10] })));
    await worker.run({ burst: true });
    expect(await exits.getStatus()).toBe("failed");
    expect(lastLine(await excString(exits))).toMatch(
      /^WorkHorseTerminatedError: Work-horse terminated unexpectedly \(pid \d+, exit code 3\) while running job /,
    );
    for (const job of [...before, ...after]) expect(await job.getStatus()).toBe("finished");
    expect(loads()).toHaveLength(3); // two children, plus one replacement
  });

  it("fails the running job when its child dies of an uncaught exception or of a SIGKILL from outside", async () => {
    const { queue, worker } = setup();
    const running = runInBackground(worker);
    const uncaught = await queue.enqueue("iso.uncaught", ["kaboom"]);
    await eventually(() => uncaught.getStatus(), (s) => s === "failed");
    expect(lastLine(await excString(uncaught))).toMatch(/exit code 1, after an uncaught exception: RangeError: kaboom\)/);
    expect(await excString(uncaught)).toContain("Caused by RangeError: kaboom");

    const forever = await queue.enqueue("iso.forever", []);
    const victim = await runningIn(forever);
    process.kill(victim, "SIGKILL");
    await eventually(() => forever.getStatus(), (s) => s === "failed");
    expect(lastLine(await excString(forever))).toContain(`(pid ${victim}, signal SIGKILL) while running job ${forever.id}`);

    const after = await queue.enqueue("iso.add", [1, 1]);
    await eventually(() => after.getStatus(), (s) => s === "finished");
    await running.stop();
    expect(loads()).toHaveLength(3);
  });

  it("keeps running jobs through SIGINT and SIGTERM sent to a child (a Ctrl-C reaches the whole process group)", async () => {
    const { queue, worker } = setup();
    const running = runInBackground(worker);
    const job = await queue.enqueue("iso.pid", [400]);
    await eventually(() => job.getStatus(), (s) => s === "started");
    const [child] = loads();
    process.kill(child!, "SIGINT");
    process.kill(child!, "SIGTERM");
    await eventually(() => job.getStatus(), (s) => s === "finished");
    expect(await job.returnValue()).toBe(child);
    await running.stop();
    expect(alive(child!)).toBe(false);
  });

  it("keeps an error thrown in a child as `Name: message` on the last line of exc_string, after the child's stack", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue("iso.boom", ["bad input"]);
    await worker.run({ burst: true });
    const text = await excString(job);
    expect(lastLine(text)).toBe("TypeError: bad input");
    expect(text).toMatch(/at .*isolated-tasks\.ts:\d+:\d+/);
    await expect(job.waitForResult({ timeout: 100 })).rejects.toThrow("TypeError: bad input");
  });

  it("writes progress and meta set in a child to Redis, through the parent", async () => {
    const { queue, worker } = setup();
    const job = await queue.enqueue("iso.progress", [4], { meta: { owner: "test" } });
    await worker.run({ burst: true });
    await job.refresh();
    expect(job.meta).toEqual({ owner: "test", progress: 1, note: "written in a child" });
    const value = (await job.returnValue()) as { id: string; queue: string; worker: string; pid: number };
    expect(value).toMatchObject({ id: job.id, queue: queue.name, worker: worker.name });
    expect(value.pid).not.toBe(process.pid);
  });

  it("fails a job naming an unknown task with UnknownTaskError, without using a child", async () => {
    const executor = new ProcessExecutor(ctx.redis, { plan: planChildren(tasksModule), size: 1, workerName: "direct" });
    try {
      await executor.start();
      const busy = new JobAbort();
      const occupying = executor.execute(claimed("iso.hang"), busy); // the only child is busy from now on
      const outcome = await executor.execute(claimed("iso.missing"), new JobAbort());
      expect(outcome.kind).toBe("fail");
      expect(outcome.error?.name).toBe("UnknownTaskError");
      expect(outcome.error?.message).toMatch(/No task named "iso\.missing" is exported by the worker's tasksModule .*isolated-tasks\.ts \(it exports: .*"iso\.add"/);
      busy.abort(new Error("test over"));
      expect((await occupying).error?.message).toBe("test over");
    } finally {
      await executor.close({ cold: true });
    }
    expect(loads()).toHaveLength(1);
  });

  it("aborts a job in its child when it is aborted, and kills and replaces a child that does not end it within ~1 s", async () => {
    const executor = new ProcessExecutor(ctx.redis, { plan: planChildren(tasksModule), size: 1, workerName: "direct" });
    try {
      await executor.start();
      const first = (await executor.execute(claimed("iso.pid"), new JobAbort())).value as number;

      // a handler that honours its signal: the job fails with the reason, and the child is kept
      const polite = new JobAbort();
      const politeRun = executor.execute(claimed("iso.until-aborted"), polite);
      await new Promise((resolve) => setTimeout(resolve, 100));
      polite.abort(new Error("stop, please"));
      expect((await politeRun).error?.message).toBe("stop, please");
      expect((await executor.execute(claimed("iso.pid"), new JobAbort())).value).toBe(first);

      // a handler that ignores it: the job fails at once, the child is killed ~1 s later and replaced
      const rude = new JobAbort();
      const rudeRun = executor.execute(claimed("iso.hang"), rude);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const aborted = Date.now();
      rude.abort(new Error("stop now"));
      expect((await rudeRun).error?.message).toBe("stop now");
      expect(Date.now() - aborted).toBeLessThan(100);
      const replacement = (await executor.execute(claimed("iso.pid"), new JobAbort())).value as number;
      expect(Date.now() - aborted).toBeGreaterThanOrEqual(900);
      expect(replacement).not.toBe(first);
      expect(alive(first)).toBe(false);
    } finally {
      await executor.close({ cold: false });
    }
    expect(loads()).toHaveLength(2);
    for (const pid of loads()) expect(alive(pid)).toBe(false);
  });

  it("kills its children promptly on a cold stop and records their jobs as failed", async () => {
    const { queue, worker } = setup({ concurrency: 2 });
    const running = runInBackground(worker);
    const jobs = await queue.enqueueMany([
      { task: "iso.forever", args: [] },
      { task: "iso.spin", args: [] },
    ]);
    await runningIn(jobs[0]!);
    await eventually(() => jobs[1]!.getStatus(), (s) => s === "started");
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the spinning child take its job
    const stopping = Date.now();
    await running.stop(true);
    // neither job would ever end on its own: "promptly" means the kill, not a wait (generous for loaded machines)
    expect(Date.now() - stopping).toBeLessThan(5_000);
    for (const job of jobs) {
      expect(await job.getStatus()).toBe("failed");
      expect(lastLine(await excString(job))).toMatch(/shut down cold while the job ran/);
    }
    expect(loads()).toHaveLength(2);
    for (const pid of loads()) await eventually(async () => alive(pid), (a) => !a, 5_000);
  });

  it("leaves no child processes behind after a warm stop", async () => {
    const { queue, worker } = setup({ concurrency: 2 });
    const running = runInBackground(worker);
    const jobs = await queue.enqueueMany(Array.from({ length: 6 }, () => ({ task: "iso.pid", args: [20] })));
    await eventually(() => queue.finished.count(), (n) => n === jobs.length);
    await running.stop();
    expect(loads()).toHaveLength(2);
    for (const pid of loads()) await eventually(async () => alive(pid), (a) => !a, 5_000);
  });

  it("fails run() with the module's own error when the task module cannot be loaded, and leaves no child behind", async () => {
    const broken = join(scratch, "broken-tasks.mjs");
    writeFileSync(broken, `import { appendFileSync } from "node:fs";\nappendFileSync(process.env.RQTS_TEST_LOAD_LOG, process.pid + "\\n");\nthrow new Error("broken on purpose");\n`);
    const { worker } = setup({ tasksModule: pathToFileURL(broken).href, concurrency: 2 });
    await expect(worker.run({ burst: true })).rejects.toThrow(/Could not load tasksModule file:.*broken-tasks\.mjs: Error: broken on purpose/);
    for (const pid of loads()) await eventually(async () => alive(pid), (a) => !a, 2_000);
  });

  it('rejects isolation: "process" without a usable tasksModule, with an InvalidArgumentError', () => {
    const make = (options: Partial<WorkerOptions>) => () => new Worker("q", { connection: ctx.redis, logger: false, ...options });
    expect(make({ isolation: "process" })).toThrow(InvalidArgumentError);
    expect(make({ isolation: "process" })).toThrow(/isolation: "process" needs the `tasksModule` option/);
    expect(make({ isolation: "process", tasksModule: "./fixtures/isolated-tasks.ts" })).toThrow(/absolute path or a file: URL/);
    expect(make({ isolation: "process", tasksModule: join(scratch, "missing.js") })).toThrow(/does not exist/);
    expect(make({ tasks: [add], tasksModule })).toThrow(/only used with isolation: "process"/);
    expect(make({})).toThrow(/pass the tasks this worker runs/);
    expect(make({ isolation: "threads" as "process", tasksModule })).toThrow(/isolation must be "inline" or "process"/);
  });
});
