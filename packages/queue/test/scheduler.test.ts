/**
 * The scheduler: due jobs and cron ticks served on time, exactly once, by exactly one leader per queue,
 * across leader deaths and downtime. Most tests drive Scheduler instances with a controllable clock
 * (one call to `tick()` is one scheduler tick), so an hour passes in a few hundred milliseconds; the
 * lock's TTL stays real, so handovers take real (short) waits.
 */
import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { InvalidArgumentError, Queue, Scheduler, Worker, type CronTick, type SchedulerOptions } from "../src/index.js";
import { add, allTasks } from "./fixtures/tasks.js";
import { eventually, runInBackground, uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** A clock the test moves by hand. */
class ManualClock {
  constructor(public ms: number) {}
  readonly now = () => new Date(this.ms);
}

function newQueue(): Queue {
  return new Queue(uniqueQueue("sched"), { connection: ctx.redis });
}

function schedulers(queue: Queue, names: string[], options: SchedulerOptions): Scheduler[] {
  return names.map((name) => new Scheduler(ctx.redis, `${queue.name}-${name}`, [queue.name], options));
}

/** The ticks served per entry (from each job's meta), in queue order, and the queued ids. */
async function servedTicks(queue: Queue): Promise<{ ids: string[]; byEntry: Map<string, number[]> }> {
  const ids = await queue.jobIds();
  const jobs = await Promise.all(ids.map((id) => queue.fetchJob(id)));
  const byEntry = new Map<string, number[]>();
  for (const job of jobs) {
    const entry = String(job!.meta.cron_entry);
    byEntry.set(entry, [...(byEntry.get(entry) ?? []), Date.parse(String(job!.meta.scheduled_for))]);
  }
  return { ids, byEntry };
}

/** Every multiple of `step` after `fromMs` up to `toMs` (an every-`step` cron pattern's ticks). */
function multiplesOf(step: number, fromMs: number, toMs: number): number[] {
  const ticks: number[] = [];
  for (let tick = Math.floor(fromMs / step) * step + step; tick <= toMs; tick += step) ticks.push(tick);
  return ticks;
}

function shuffled<T>(items: T[]): T[] {
  return items.map((item) => [Math.random(), item] as const).sort((a, b) => a[0] - b[0]).map(([, item]) => item);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Tests that tick thousands of times or start a process: room for a loaded 2-core machine. */
const SLOW_TEST_TIMEOUT = 60_000;

describe("serving due jobs and cron ticks on time", () => {
  it("a worker with the scheduler runs jobs no earlier than due and within about a second after", async () => {
    const queue = newQueue();
    const firstDue = Math.ceil(Date.now() / SECOND) * SECOND + SECOND;
    const scheduled = await Promise.all([0, 1, 2].map((n) => queue.enqueueAt(new Date(firstDue + n * SECOND), add, [n, n])));
    await queue.cron({ id: "every-second", pattern: "* * * * * *" }, add, [0, 1]);
    const worker = new Worker(queue.name, { connection: ctx.redis, tasks: allTasks, logger: false, withScheduler: true, concurrency: 5 });
    const running = runInBackground(worker);
    try {
      await Promise.all(scheduled.map((job) => job.waitForResult({ timeout: "10s" })));
      await eventually(() => queue.finished.count(), (count) => count >= 6);
    } finally {
      await running.stop();
    }
    // ticks land milliseconds after each second; the bound leaves room for a loaded 2-core machine
    const lateness = 1_500;
    for (const [n, job] of scheduled.entries()) {
      const started = (await job.refresh()).startedAt!.getTime();
      expect(started).toBeGreaterThanOrEqual(firstDue + n * SECOND);
      expect(started - (firstDue + n * SECOND)).toBeLessThan(lateness);
    }
    const cronJobs = (await queue.finished.jobIds()).filter((id) => id.startsWith(`cron-${queue.name}-every-second-`));
    expect(cronJobs.length).toBeGreaterThanOrEqual(3);
    for (const id of cronJobs) {
      const job = (await queue.fetchJob(id))!;
      const due = Date.parse(String(job.meta.scheduled_for));
      expect(job.startedAt!.getTime()).toBeGreaterThanOrEqual(due);
      expect(job.startedAt!.getTime() - due).toBeLessThan(lateness);
    }
  });

  it("three scheduler instances started together serve each cron tick exactly once over a simulated hour", async () => {
    const queue = newQueue();
    await queue.cron({ id: "every-minute", pattern: "* * * * *" }, add, [1, 1]);
    await queue.cron({ id: "every-5s", pattern: "*/5 * * * * *" }, add, [2, 2]);
    const interval = await queue.schedule({ id: "every-7s", interval: "7s" }, add, [3, 3]);
    const registeredAt = Date.now();
    const clock = new ManualClock(registeredAt);
    const trio = schedulers(queue, ["a", "b", "c"], { now: clock.now });
    const end = registeredAt + 60 * MINUTE;
    while (clock.ms < end) {
      clock.ms = Math.min(end, clock.ms + 250 + Math.random() * 1_750);
      await Promise.all(shuffled(trio).map((scheduler) => scheduler.tick()));
    }
    expect(trio.filter((scheduler) => scheduler.heldQueues.includes(queue.name))).toHaveLength(1);
    const { ids, byEntry } = await servedTicks(queue);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byEntry.get("every-minute")).toEqual(multiplesOf(MINUTE, registeredAt, end));
    expect(byEntry.get("every-5s")).toEqual(multiplesOf(5 * SECOND, registeredAt, end));
    const anchor = interval.nextRun!.getTime();
    expect(byEntry.get("every-7s")).toEqual(Array.from({ length: Math.floor((end - anchor) / 7_000) + 1 }, (_, n) => anchor + n * 7_000));
  }, SLOW_TEST_TIMEOUT);

  it("two schedulers that both believe they lead (the same name) still enqueue each tick once", async () => {
    const queue = newQueue();
    await queue.cron({ id: "every-second", pattern: "* * * * * *" }, add, [1, 1]);
    const start = Date.now();
    const clock = new ManualClock(start);
    const reports: CronTick[] = [];
    const twins = [0, 1].map(() => new Scheduler(ctx.redis, `${queue.name}-twin`, [queue.name], { now: clock.now, onCronTick: (tick) => reports.push(tick) }));
    for (let step = 0; step < 300; step++) {
      clock.ms += SECOND;
      await Promise.all(twins.map((twin) => twin.tick()));
    }
    expect(twins.every((twin) => twin.heldQueues.includes(queue.name))).toBe(true);
    const { ids, byEntry } = await servedTicks(queue);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byEntry.get("every-second")).toEqual(multiplesOf(SECOND, start, clock.ms));
    // the compare-and-set on the entry's next run stopped the second twin before it built a job
    expect(reports.flatMap((report) => report.duplicates)).toEqual([]);
    expect(reports.flatMap((report) => report.enqueued)).toHaveLength(ids.length);
  });
});

describe("leader handover", () => {
  it("a leader that stops without releasing its lock is replaced within the lock's TTL, with no duplicate and no lost tick", async () => {
    const queue = newQueue();
    await queue.cron({ id: "every-second", pattern: "* * * * * *" }, add, [1, 1]);
    await queue.cron({ id: "every-minute", pattern: "* * * * *" }, add, [2, 2]);
    const start = Date.now();
    const clock = new ManualClock(start);
    let alive = schedulers(queue, ["a", "b", "c"], { now: clock.now, lockTtlSeconds: 2 });
    const tickAll = async (stepMs: number) => {
      clock.ms += stepMs;
      await Promise.all(shuffled(alive).map((scheduler) => scheduler.tick()));
    };
    for (let step = 0; step < 600; step++) await tickAll(SECOND); // ten simulated minutes
    const leader = alive.find((scheduler) => scheduler.heldQueues.includes(queue.name))!;
    alive = alive.filter((scheduler) => scheduler !== leader); // it dies: no more ticks, no release
    // while its lock lives, simulated time runs at the real pace: nobody may serve meanwhile
    while (!alive.some((scheduler) => scheduler.heldQueues.includes(queue.name))) {
      await sleep(100);
      await tickAll(100);
    }
    expect(clock.ms - start - 600 * SECOND).toBeLessThanOrEqual(3_000);
    for (let step = 0; step < 600; step++) await tickAll(SECOND);
    // the dead leader was only stalled: when it wakes up it cannot serve anything any more
    await leader.tick();
    expect(leader.heldQueues).toEqual([]);
    const { ids, byEntry } = await servedTicks(queue);
    expect(new Set(ids).size).toBe(ids.length);
    expect(byEntry.get("every-second")).toEqual(multiplesOf(SECOND, start, clock.ms));
    expect(byEntry.get("every-minute")).toEqual(multiplesOf(MINUTE, start, clock.ms));
  }, SLOW_TEST_TIMEOUT);

  it("a clean stop releases the lock at once and the next scheduler serves the following tick", async () => {
    const queue = newQueue();
    await queue.cron({ id: "every-second", pattern: "* * * * * *" }, add, [1, 1]);
    const start = Date.now();
    const clock = new ManualClock(start);
    const [first, second] = schedulers(queue, ["first", "second"], { now: clock.now });
    clock.ms += SECOND;
    await first!.tick();
    await second!.tick();
    expect(first!.heldQueues).toEqual([queue.name]);
    expect(second!.heldQueues).toEqual([]);
    await first!.stop();
    expect(await ctx.redis.exists(`rq:scheduler-lock:${queue.name}`)).toBe(0);
    clock.ms += SECOND;
    await second!.tick();
    expect(second!.heldQueues).toEqual([queue.name]);
    const { byEntry } = await servedTicks(queue);
    expect(byEntry.get("every-second")).toEqual(multiplesOf(SECOND, start, clock.ms));
  });

  it("killing the leader's process (SIGKILL) hands the queue to another scheduler without a duplicate or a gap", async () => {
    const queue = newQueue();
    await queue.cron({ id: "every-second", pattern: "* * * * * *" }, add, [1, 1]);
    const child = startSchedulerProcess(queue.name);
    const survivorConnection = ctx.redis.duplicate();
    // a generous grace: on a loaded machine the takeover may come later than this short lock's default 3 s
    const survivor = new Scheduler(survivorConnection, `${queue.name}-survivor`, [queue.name], { lockTtlSeconds: 2, intervalMs: 500, misfireGraceMs: 10_000 });
    let killedAt = 0;
    try {
      await child.leading;
      await survivor.start();
      expect(survivor.heldQueues).toEqual([]);
      await sleep(2_000);
      child.process.kill("SIGKILL");
      killedAt = Date.now();
      await eventually(async () => survivor.heldQueues, (held) => held.includes(queue.name), 5_000);
      expect(Date.now() - killedAt).toBeLessThan(4_000); // the lock's 2 s, a 0.5 s tick, and slack
      await sleep(2_000);
    } finally {
      child.process.kill("SIGKILL");
      await survivor.stop();
      survivorConnection.disconnect();
    }
    const { ids, byEntry } = await servedTicks(queue);
    expect(new Set(ids).size).toBe(ids.length);
    const ticks = byEntry.get("every-second")!;
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    // every second from the child's first tick to the survivor's last, once each
    expect(ticks).toEqual(multiplesOf(SECOND, ticks[0]! - SECOND, ticks.at(-1)!));
    expect(ticks[0]!).toBeLessThan(killedAt - SECOND);
    expect(ticks.at(-1)!).toBeGreaterThan(killedAt + 2 * SECOND);
  }, SLOW_TEST_TIMEOUT);
});

describe("options", () => {
  it("refuses a lock that would expire between the holder's ticks, and other unusable options", () => {
    const queue = newQueue();
    const make = (options: SchedulerOptions) => () => new Scheduler(ctx.redis, "s", [queue.name], options);
    expect(make({ lockTtlSeconds: 1, intervalMs: 1_000 })).toThrow(/lockTtlSeconds \(1 s\) must be longer than the interval \(1000 ms\)/);
    expect(make({ intervalMs: 0 })).toThrow(/intervalMs must be a finite number ≥ 1/);
    expect(make({ batch: Number.NaN })).toThrow(InvalidArgumentError);
    expect(() => new Scheduler(ctx.redis, "s", [], {})).toThrow(/at least one queue/);
    // a long interval gets a lock that outlives it
    expect(make({ intervalMs: 120_000 })).not.toThrow();
  });
});

describe("downtime", () => {
  async function afterDowntime(catchUp: "skip" | "latest") {
    const queue = newQueue();
    const entry = await queue.cron({ id: "every-minute", pattern: "* * * * *", catchUp }, add, [1, 1]);
    const due = entry.nextRun!.getTime();
    const clock = new ManualClock(due + 10 * MINUTE + 30 * SECOND); // every scheduler was down for ten minutes
    const reports: CronTick[] = [];
    const [scheduler] = schedulers(queue, ["back"], { now: clock.now, onCronTick: (tick) => reports.push(tick) });
    await scheduler!.tick();
    const { byEntry } = await servedTicks(queue);
    return { queue, due, clock, reports, served: byEntry.get("every-minute") ?? [], scheduler: scheduler! };
  }

  it('"skip" (the default) drops ticks missed beyond the grace; the entry resumes with the next tick', async () => {
    const { queue, due, clock, reports, served, scheduler } = await afterDowntime("skip");
    // 10:00 after the first missed tick is within the 63 s grace (09:00 ago is not): it is on time
    expect(served).toEqual([due + 10 * MINUTE]);
    expect(reports).toMatchObject([{ entryId: "every-minute", droppedMissed: true }]);
    expect((await queue.cronEntries.get("every-minute"))!.nextRun!.getTime()).toBe(due + 11 * MINUTE);
    clock.ms = due + 11 * MINUTE + 50;
    await scheduler.tick();
    expect((await servedTicks(queue)).byEntry.get("every-minute")).toEqual([due + 10 * MINUTE, due + 11 * MINUTE]);
  });

  it('"skip" enqueues nothing when every due tick was missed; "latest" enqueues the latest one, once', async () => {
    for (const [catchUp, expected] of [["skip", 0], ["latest", 1]] as const) {
      const queue = newQueue();
      const entry = await queue.cron({ id: "hourly", pattern: "0 * * * *", catchUp }, add, [1, 1]);
      const due = entry.nextRun!.getTime();
      const clock = new ManualClock(due + 5 * 60 * MINUTE + 20 * MINUTE);
      const [scheduler] = schedulers(queue, ["back"], { now: clock.now });
      await scheduler!.tick();
      await scheduler!.tick();
      const served = (await servedTicks(queue)).byEntry.get("hourly") ?? [];
      expect(served, catchUp).toHaveLength(expected);
      if (catchUp === "latest") expect(served).toEqual([due + 5 * 60 * MINUTE]);
      expect((await queue.cronEntries.get("hourly"))!.nextRun!.getTime(), catchUp).toBe(due + 6 * 60 * MINUTE);
    }
  });

  it("ticks found late but within the grace each get their own job (a leader handover loses none)", async () => {
    const queue = newQueue();
    const entry = await queue.cron({ id: "every-10s", pattern: "*/10 * * * * *" }, add, [1, 1]);
    const due = entry.nextRun!.getTime();
    const clock = new ManualClock(due + 45 * SECOND);
    const [scheduler] = schedulers(queue, ["late"], { now: clock.now });
    await scheduler!.tick();
    expect((await servedTicks(queue)).byEntry.get("every-10s")).toEqual([0, 1, 2, 3, 4].map((n) => due + n * 10 * SECOND));
  });
});

/**
 * A scheduler in a child process (so it can be SIGKILLed), with a 2 s lock; `leading` resolves once
 * it holds the queue's lock.
 */
function startSchedulerProcess(queue: string): { process: ChildProcess; leading: Promise<void> } {
  const index = fileURLToPath(new URL("../src/index.ts", import.meta.url));
  const code = `
    import { Redis } from "ioredis";
    import { Scheduler } from ${JSON.stringify(index)};
    const scheduler = new Scheduler(new Redis(process.env.REDIS_URL), "doomed-leader", [process.env.QUEUE], { lockTtlSeconds: 2, intervalMs: 500 });
    await scheduler.start();
    const report = setInterval(() => scheduler.heldQueues.length > 0 && console.log("leading"), 100);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, REDIS_URL: ctx.server.url, QUEUE: queue },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const leading = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => chunk.toString().includes("leading") && resolve());
    child.once("exit", (code, signal) => reject(new Error(`scheduler child exited (${code ?? signal}) before leading: ${stderr}`)));
  });
  return { process: child, leading };
}
