/**
 * Cron and interval entries: registering them (validated), storing them in Redis, listing, pausing,
 * resuming and removing them, DST-correct ticks in a time zone, and rq-scheduler's API over scheduled
 * jobs. Ticks are served by Scheduler instances driven with a controllable clock.
 */
import { describe, expect, it } from "vitest";
import { InvalidArgumentError, InvalidJobOperationError, NoSuchCronEntryError, Queue, Scheduler, type CronEntry, type CronJobOptions } from "../src/index.js";
import { cronCadence } from "../src/cron/cadence.js";
import { add } from "./fixtures/tasks.js";
import { uniqueQueue, useRedis } from "./helpers.js";

const ctx = useRedis();
const HOUR = 3_600_000;

function newQueue(): Queue {
  return new Queue(uniqueQueue("cron"), { connection: ctx.redis });
}

/** One scheduler tick at `at` for the queue (a scheduler of its own, so it takes the free lock). */
async function tickAt(queue: Queue, at: number, options: { misfireGraceMs?: number } = {}): Promise<void> {
  await new Scheduler(ctx.redis, `${queue.name}-scheduler`, [queue.name], { now: () => new Date(at), ...options }).tick();
}

/** The tick times (ISO) of the jobs in the queue, in queue order. */
async function servedFor(queue: Queue): Promise<string[]> {
  const jobs = await Promise.all((await queue.jobIds()).map((id) => queue.fetchJob(id)));
  return jobs.map((job) => String(job!.meta.scheduled_for));
}

/** 01:00 UTC on the last Sunday of `month` (0-based): when the EU's clocks change. */
function euClockChange(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

describe("registering entries", () => {
  it("queue.cron stores the entry in rq:cron:{q} with its next run (UTC by default)", async () => {
    const queue = newQueue();
    const before = Date.now();
    const entry = await queue.cron({ id: "nightly", pattern: "30 2 * * *" }, add, [1, 2], { resultTtl: "1h", meta: { team: "ops" } });
    expect(entry).toMatchObject({ id: "nightly", queue: queue.name, kind: "cron", pattern: "30 2 * * *", timezone: "UTC", taskName: "tests.add" });
    expect(entry).toMatchObject({ args: [1, 2], catchUp: "skip", runsLeft: null, paused: false, lastTick: null, error: null });
    const next = entry.nextRun!;
    expect(next.getUTCHours() * 60 + next.getUTCMinutes()).toBe(2 * 60 + 30);
    expect(next.getTime()).toBeGreaterThan(before);
    expect(next.getTime() - before).toBeLessThanOrEqual(24 * HOUR);
    expect(Number(await ctx.redis.zscore(`rq:cron:${queue.name}`, "nightly"))).toBe(next.getTime());
    const hash = await ctx.redis.hgetall(`rq:cron:${queue.name}:nightly`);
    expect(hash).toMatchObject({ kind: "cron", pattern: "30 2 * * *", timezone: "UTC", task: "tests.add", args: "[1,2]", next_run: String(next.getTime()) });
    expect(JSON.parse(hash.options!)).toEqual({ resultTtl: "1h", meta: { team: "ops" }, timeout: "180s" });
  });

  it("registering the same schedule again (say, at every start) keeps one entry and its state", async () => {
    const queue = newQueue();
    const first = await queue.cron("*/5 * * * *", add, [1, 1]);
    await queue.cronEntries.pause(first.id);
    const again = await queue.cron("*/5 * * * *", add, [1, 1]);
    expect(again.id).toBe(first.id);
    expect(again.paused).toBe(true);
    expect(await queue.cronEntries.count()).toBe(1);
    // other arguments are another schedule, with an id of its own
    const other = await queue.cron("*/5 * * * *", add, [2, 2]);
    expect(other.id).not.toBe(first.id);
    expect(first.id).toMatch(/^tests_add-[0-9a-f]{12}$/);
  });

  it("an interval series registered again later keeps the start it was first stored with", async () => {
    const queue = newQueue();
    const first = await queue.schedule({ in: "1m", interval: "1h" }, add, [1, 1]);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a restart, a second later
    const again = await queue.schedule({ in: "1m", interval: "1h" }, add, [1, 1]);
    expect(again.id).toBe(first.id);
    expect(again.nextRun).toEqual(first.nextRun);
    expect(await queue.cronEntries.count()).toBe(1);
  });

  it("the same id with a new definition updates the entry in place, keeping it paused", async () => {
    const queue = newQueue();
    await queue.cron({ id: "report", pattern: "0 9 * * *" }, add, [1, 1]);
    await queue.cronEntries.pause("report");
    const updated = await queue.cron({ id: "report", pattern: "0 17 * * *", timezone: "America/New_York" }, add, [2, 2]);
    expect(updated).toMatchObject({ pattern: "0 17 * * *", timezone: "America/New_York", args: [2, 2], paused: true, nextRun: null });
    const resumed = await queue.cronEntries.resume("report");
    expect(resumed.nextRun!.toLocaleString("en-US", { timeZone: "America/New_York", hour: "numeric", hour12: false })).toBe("17");
  });

  it("bad patterns, time zones and options are refused with InvalidArgumentErrors that say what is accepted", async () => {
    const queue = newQueue();
    const refused: Array<[() => Promise<unknown>, RegExp]> = [
      [() => queue.cron("* * * *", add, [1, 1]), /Cron pattern "\* \* \* \*" is invalid: .*5 fields/],
      [() => queue.cron("* * * * * * *", add, [1, 1]), /is invalid.*5 or 6 parts/],
      [() => queue.cron("61 * * * *", add, [1, 1]), /Invalid value for minute: 61/],
      [() => queue.cron("0 0 31 2 *", add, [1, 1]), /never matches a date/],
      [() => queue.cron("", add, [1, 1]), /must be a string such as/],
      [() => queue.cron({ pattern: "0 9 * * *", timezone: "Europe/Berln" }, add, [1, 1]), /timezone "Europe\/Berln" is not an IANA time zone/],
      [() => queue.cron({ pattern: "0 9 * * *", id: "no spaces" }, add, [1, 1]), /cron entry id "no spaces" is invalid/],
      [() => queue.cron({ pattern: "0 9 * * *", repeat: 0 }, add, [1, 1]), /repeat must be a whole number ≥ 1/],
      [() => queue.cron({ pattern: "0 9 * * *", catchUp: "all" as "skip" }, add, [1, 1]), /catchUp must be "skip" or "latest"/],
      [() => queue.cron("0 9 * * *", add, [1, 1], { jobId: "fixed" } as unknown as CronJobOptions), /jobId cannot be given to a cron entry/],
      [() => queue.cron("0 9 * * *", add, [1, 1], { timeout: "soon" }), /timeout "soon" is not a duration/],
      [() => queue.schedule({ interval: "500ms" }, add, [1, 1]), /interval must be a finite duration of at least 1 s/],
      [() => queue.schedule({ interval: "1m", at: new Date(), in: "5m" }, add, [1, 1]), /either at or in, not both/],
      [() => queue.schedule({} as { interval: string }, add, [1, 1]), /for a single run use enqueueAt or enqueueIn/],
    ];
    for (const [call, message] of refused) {
      const error = await call().then(() => undefined, (thrown: unknown) => thrown);
      expect(error, String(message)).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(message);
    }
    expect(await queue.cronEntries.count()).toBe(0);
  });
});

describe("listing, pausing, resuming, removing", () => {
  it("lists entries by next run with paused ones last; pause, resume and remove change what a scheduler serves", async () => {
    const queue = newQueue();
    const now = Date.now();
    await queue.schedule({ id: "soon", interval: "1h", in: "1m" }, add, [1, 1]);
    await queue.schedule({ id: "later", interval: "1h", in: "2m" }, add, [2, 2]);
    await queue.schedule({ id: "paused", interval: "1h", in: "30s" }, add, [3, 3]);
    const paused = await queue.cronEntries.pause("paused");
    expect(paused).toMatchObject({ paused: true, nextRun: null });
    expect((await queue.cronEntries.list()).map((entry) => entry.id)).toEqual(["soon", "later", "paused"]);
    expect((await queue.cronEntries.list({ start: 1, end: 1 })).map((entry) => entry.id)).toEqual(["later"]);

    await tickAt(queue, now + 3 * 60_000, { misfireGraceMs: 10 * 60_000 });
    expect(await queue.count()).toBe(2);
    expect((await queue.cronEntries.get("paused"))!.lastTick).toBeNull();

    // resumed from now: what fell while it was paused is not served, its next tick is
    const resumed = await queue.cronEntries.resume("paused", new Date(now + 4 * 60_000));
    expect(resumed.paused).toBe(false);
    expect(resumed.nextRun!.getTime()).toBeGreaterThan(now + 4 * 60_000);
    expect(await queue.cronEntries.remove("later")).toBe(true);
    expect(await queue.cronEntries.remove("later")).toBe(false);
    await tickAt(queue, now + 2 * HOUR, { misfireGraceMs: 2 * HOUR });
    const served = (await Promise.all((await queue.jobIds()).map((id) => queue.fetchJob(id)))).map((job) => job!.meta.cron_entry);
    expect(served.sort()).toEqual(["later", "paused", "soon", "soon"]);
    await expect(queue.cronEntries.pause("later")).rejects.toThrow(NoSuchCronEntryError);
    await expect(queue.cronEntries.resume("later")).rejects.toThrow(/has no cron entry "later"/);
  });

  it("an interval entry starts at `at`, repeats every interval, and removes itself after `repeat` jobs", async () => {
    const queue = newQueue();
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    const entry = await queue.schedule({ id: "thrice", at, interval: "10m", repeat: 3 }, add, [1, 1]);
    expect(entry).toMatchObject({ kind: "interval", intervalMs: 600_000, runsLeft: 3, nextRun: at });
    for (const minutes of [0, 10, 20, 30, 40]) await tickAt(queue, at.getTime() + minutes * 60_000 + 500);
    expect(await servedFor(queue)).toEqual([0, 10, 20].map((minutes) => new Date(at.getTime() + minutes * 60_000).toISOString()));
    expect(await queue.cronEntries.get("thrice")).toBeNull();
    expect(await ctx.redis.exists(`rq:cron:${queue.name}`, `rq:cron:${queue.name}:thrice`)).toBe(0);
  });

  it("each tick's job has an id made of queue, entry and tick, the entry's options, and the tick in its meta", async () => {
    const queue = newQueue();
    const entry = await queue.cron({ id: "hourly", pattern: "0 * * * *" }, add, [4, 5], { meta: { source: "test" }, atFront: true, timeout: "5m" });
    await queue.enqueue(add, [0, 0]);
    await tickAt(queue, entry.nextRun!.getTime() + 10);
    const [first] = await queue.jobIds();
    const stamp = entry.nextRun!.toISOString().replace(/[-:]/g, "").replace(".000", "");
    expect(first).toBe(`cron-${queue.name}-hourly-${stamp}`);
    const job = (await queue.fetchJob(first!))!;
    expect(job).toMatchObject({ status: "queued", taskName: "tests.add", args: [4, 5], timeout: 300 });
    expect(job.meta).toEqual({ source: "test", cron_entry: "hourly", scheduled_for: entry.nextRun!.toISOString() });
    expect((await queue.cronEntries.get("hourly"))!.lastJobId).toBe(first);
  });

  it("a tick served once is not served again when the entry is removed and registered anew", async () => {
    const queue = newQueue();
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000);
    await queue.schedule({ id: "once", at, interval: "1h" }, add, [1, 1]);
    await tickAt(queue, at.getTime() + 100);
    await queue.cronEntries.remove("once");
    await queue.schedule({ id: "once", at, interval: "1h" }, add, [1, 1]);
    await tickAt(queue, at.getTime() + 200);
    expect(await servedFor(queue)).toEqual([at.toISOString()]);
    expect((await queue.cronEntries.get("once"))!.nextRun!.getTime()).toBe(at.getTime() + HOUR);
  });

  it("an entry whose stored data is unusable is paused with the reason; the others are still served", async () => {
    const queue = newQueue();
    const good = await queue.cron({ id: "good", pattern: "* * * * *" }, add, [1, 1]);
    await queue.cron({ id: "broken", pattern: "* * * * *" }, add, [2, 2]);
    await ctx.redis.hset(`rq:cron:${queue.name}:broken`, "pattern", "every minute please");
    await tickAt(queue, good.nextRun!.getTime() + 100);
    expect(await servedFor(queue)).toEqual([good.nextRun!.toISOString()]);
    const broken = (await queue.cronEntries.get("broken"))!;
    expect(broken).toMatchObject({ paused: true, nextRun: null });
    expect(broken.error).toMatch(/paused this entry: .*Cron pattern "every minute please" is invalid/);
    await expect(queue.cronEntries.resume("broken")).rejects.toThrow(InvalidArgumentError);
    // registering it again repairs it; resuming clears the error
    await queue.cron({ id: "broken", pattern: "* * * * *" }, add, [2, 2]);
    expect(await queue.cronEntries.resume("broken")).toMatchObject({ paused: false, error: null });
  });
});

describe("time zones and daylight saving time", () => {
  it("croner's DST rules: a daily 02:30 in Europe/Berlin runs at 03:00 on the spring-forward day and once on the fall-back day", () => {
    const daily = cronCadence("30 2 * * *", "Europe/Berlin");
    const runs = (from: string, count: number) => {
      const out: string[] = [];
      for (let at = Date.parse(from); out.length < count; ) out.push(new Date((at = daily.nextAfter(at)!)).toISOString());
      return out;
    };
    // 2026-03-29: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist
    expect(runs("2026-03-28T12:00:00Z", 3)).toEqual(["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z", "2026-03-31T00:30:00.000Z"]);
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so 02:30 happens twice — the job runs at the first
    expect(runs("2026-10-24T12:00:00Z", 3)).toEqual(["2026-10-25T00:30:00.000Z", "2026-10-26T01:30:00.000Z", "2026-10-27T01:30:00.000Z"]);
    // a pattern with a step runs on both passes of the repeated hour, like Vixie cron
    const halfHourly = cronCadence("*/30 * * * *", "Europe/Berlin");
    expect(halfHourly.nextAfter(Date.parse("2026-10-25T00:30:00Z"))).toBe(Date.parse("2026-10-25T01:00:00Z"));
    expect(halfHourly.nextAfter(Date.parse("2026-10-25T01:00:00Z"))).toBe(Date.parse("2026-10-25T01:30:00Z"));
  });

  it("a scheduler serves a daily 02:30 Europe/Berlin entry across the next spring-forward and fall-back days", async () => {
    const year = new Date().getUTCFullYear() + 1;
    const queue = newQueue();
    await queue.cron({ id: "berlin", pattern: "30 2 * * *", timezone: "Europe/Berlin" }, add, [1, 1]);
    for (const change of [euClockChange(year, 2), euClockChange(year, 9)]) {
      // the scheduler jumps to the day before (ticks missed meanwhile are skipped), then ticks every 5 minutes
      for (let at = change - 14 * HOUR; at <= change + 36 * HOUR; at += 5 * 60_000) await tickAt(queue, at, { misfireGraceMs: 10 * 60_000 });
    }
    const spring = euClockChange(year, 2);
    const fall = euClockChange(year, 9);
    expect(await servedFor(queue)).toEqual(
      [spring, spring + 23.5 * HOUR, fall - 0.5 * HOUR, fall + 24.5 * HOUR].map((ms) => new Date(ms).toISOString()),
    );
  });
});

describe("rq-scheduler's API", () => {
  it("getJobs(until, withTimes), count(until) and contains read the scheduled jobs", async () => {
    const queue = newQueue();
    const base = Math.floor(Date.now() / 1000) * 1000;
    const [in1h, in2h, in3h] = await Promise.all([1, 2, 3].map((hours) => queue.enqueueAt(new Date(base + hours * HOUR), add, [hours, 0])));
    const until = new Date(base + 2 * HOUR);
    expect((await queue.scheduledJobs.getJobs({ until })).map((job) => job.id)).toEqual([in1h!.id, in2h!.id]);
    expect(await queue.scheduledJobs.getJobs({ until, withTimes: true })).toMatchObject([
      { job: { id: in1h!.id }, at: new Date(base + HOUR) },
      { job: { id: in2h!.id }, at: new Date(base + 2 * HOUR) },
    ]);
    expect((await queue.scheduledJobs.getJobs({ offset: 1, length: 1 })).map((job) => job.id)).toEqual([in2h!.id]);
    expect(await queue.scheduledJobs.count({ until })).toBe(2);
    expect(await queue.scheduledJobs.count()).toBe(3);
    expect(await queue.scheduledJobs.contains(in3h!)).toBe(true);
    expect(await queue.scheduledJobs.contains("no-such-job")).toBe(false);
  });

  it("changeExecutionTime moves a scheduled job; a job that is not scheduled is refused", async () => {
    const queue = newQueue();
    const job = await queue.enqueueIn("1h", add, [1, 1]);
    const earlier = new Date(Math.floor(Date.now() / 1000) * 1000 + 60_000);
    await queue.scheduledJobs.changeExecutionTime(job, earlier);
    expect(Number(await ctx.redis.zscore(`rq:scheduled:${queue.name}`, job.id))).toBe(earlier.getTime() / 1000);
    await queue.scheduledJobs.changeExecutionTime(job.id, earlier); // same time again: fine
    const queued = await queue.enqueue(add, [2, 2]);
    await expect(queue.scheduledJobs.changeExecutionTime(queued, earlier)).rejects.toThrow(InvalidJobOperationError);
    expect(await queue.scheduledJobs.contains(queued)).toBe(false);
  });

  it("cancel cancels a scheduled job or removes a cron entry", async () => {
    const queue = newQueue();
    const job = await queue.enqueueIn("1h", add, [1, 1]);
    await queue.scheduledJobs.cancel(job);
    expect(await job.getStatus()).toBe("canceled");
    expect(await queue.canceled.contains(job.id)).toBe(true);
    await expect(queue.scheduledJobs.cancel(job)).rejects.toThrow(/is not scheduled on queue/);
    const entry: CronEntry = await queue.cron("0 * * * *", add, [1, 1]);
    await queue.scheduledJobs.cancel(entry);
    expect(await queue.cronEntries.count()).toBe(0);
    await expect(queue.scheduledJobs.cancel(entry)).rejects.toThrow(NoSuchCronEntryError);
  });
});
