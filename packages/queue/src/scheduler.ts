/**
 * Scheduler: queues scheduled jobs when they are due (`enqueueAt`, `enqueueIn`, retry and repeat
 * intervals) and serves the queues' cron entries (`queue.cron`, `queue.schedule`). It runs inside
 * workers started with `withScheduler: true`, or on its own (`new Scheduler(...).start()`).
 *
 * For each queue, exactly one scheduler holds `rq:scheduler-lock:{q}` (value: its name, as RQ 2.x
 * writes it — Python RQ schedulers and rqts's exclude each other). Every tick the holder moves due jobs
 * and extends its lock in the same script, after checking it still holds it; the others try to take
 * free locks. A holder that dies stops extending, so its lock expires (61 s) and another takes over; a
 * clean stop releases its locks at once. RQ 2.10's `rq:scheduler:{name}` hash describes the holder.
 *
 * Cron entries are served by the holder too (cron/firing.ts). Each tick is enqueued at most once even
 * if two schedulers believed they held the lock: the fire script checks the lock and compares the
 * entry's next run before it enqueues and advances it, and the tick's job id is derived from the tick.
 *
 * Ticks are aligned to the interval (by default just after each whole second), so a job due at a whole
 * second, and every cron tick, is served within milliseconds of its time rather than up to a second late.
 */
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import { fireDueEntries, type CronTick } from "./cron/firing.js";
import { InvalidArgumentError } from "./errors.js";
import { keys } from "./keys.js";
import { enqueueDueScript } from "./lua/enqueue-due.js";
import { schedulerLockScript } from "./lua/scheduler-lock.js";
import { runScript } from "./scripts.js";
import { epochFloat, epochSeconds, rqTimestamp } from "./time.js";

export interface SchedulerOptions {
  /** How often due jobs and cron entries are looked for. @defaultValue 1000 ms (RQ's 1 s) */
  intervalMs?: number;
  /** The lock's lifetime, longer than the interval; a dead holder is replaced within it. @defaultValue 61 s (RQ's), or two intervals if longer */
  lockTtlSeconds?: number;
  /** Jobs moved, and cron entries served, per queue per tick. @defaultValue 1000 (RQ's) */
  batch?: number;
  /**
   * A cron tick found later than this after its time counts as missed (see the `catchUp` policy of
   * entries). @defaultValue the lock TTL plus two intervals (63 s), so that a tick falling while a dead
   * holder's lock expires is still on time for the scheduler that takes over
   */
  misfireGraceMs?: number;
  /**
   * The clock: what time it is for due jobs and cron ticks. Tests pass a controllable one to simulate
   * hours in milliseconds; the lock's TTL and the tick timer stay in real time. @defaultValue `() => new Date()`
   */
  now?: () => Date;
  onError?: (error: Error) => void;
  /** Called after a tick that queued scheduled jobs. */
  onEnqueued?: (queue: string, count: number) => void;
  /** Called for each cron entry a tick served (enqueued, skipped as missed, duplicate, or paused as unusable). */
  onCronTick?: (tick: CronTick) => void;
}

function atLeast(value: number, min: number, name: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min) {
    throw new InvalidArgumentError(`Scheduler option ${name} must be a finite number ≥ ${min}; got ${String(value)}`);
  }
  return value;
}

/** A small delay after each aligned tick time, so the tick lands after the second it is due in has begun. */
const ALIGNMENT_SLACK_MS = 5;

export class Scheduler {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = true;
  private readonly intervalMs: number;
  private readonly lockTtl: number;
  private readonly batch: number;
  private readonly misfireGraceMs: number;
  private readonly now: () => Date;
  private readonly createdAt: string;

  /**
   * `redis` is used as given (the scheduler never closes it); `name` is what the lock holds, unique
   * among schedulers (a worker passes its own name).
   */
  constructor(
    private readonly redis: Redis,
    readonly name: string,
    readonly queues: readonly string[],
    private readonly options: SchedulerOptions = {},
  ) {
    if (typeof name !== "string" || name === "") throw new InvalidArgumentError("A scheduler needs a non-empty name (the lock holds it)");
    if (!Array.isArray(queues) || queues.length === 0) throw new InvalidArgumentError("A scheduler needs at least one queue name");
    this.intervalMs = atLeast(options.intervalMs ?? 1_000, 1, "intervalMs");
    // RQ's 61 s, or longer for intervals over half a minute, so the holder always extends it in time
    this.lockTtl = atLeast(options.lockTtlSeconds ?? Math.max(61, Math.ceil((2 * this.intervalMs) / 1000)), 1, "lockTtlSeconds");
    // a lock shorter than the interval would expire between the holder's ticks, and leaders would flap
    if (this.lockTtl * 1000 <= this.intervalMs) {
      throw new InvalidArgumentError(`lockTtlSeconds (${this.lockTtl} s) must be longer than the interval (${this.intervalMs} ms)`);
    }
    this.batch = atLeast(options.batch ?? 1_000, 1, "batch");
    this.misfireGraceMs = atLeast(options.misfireGraceMs ?? this.lockTtl * 1000 + 2 * this.intervalMs, 0, "misfireGraceMs");
    this.now = options.now ?? (() => new Date());
    this.createdAt = rqTimestamp(this.now());
  }

  /** The queues whose lock this scheduler holds now. */
  get heldQueues(): string[] {
    return [...this.held];
  }

  /** Runs a first tick, then one every interval, aligned to multiples of the interval. */
  async start(): Promise<void> {
    this.stopped = false;
    // tracked like every tick, so that a stop() meanwhile waits for it before releasing the locks
    this.ticking = this.tick();
    await this.ticking;
    this.ticking = undefined;
    this.scheduleNext();
  }

  /** Stops ticking and releases every lock it holds. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    for (const queue of [...this.held]) {
      await runScript(this.redis, schedulerLockScript, [keys.schedulerLock(queue)], ["release", this.name, this.lockTtl]).catch(
        (error: Error) => this.options.onError?.(error),
      );
      this.held.delete(queue);
    }
    await this.redis.del(keys.scheduler(this.name)).catch(() => undefined);
  }

  /** One tick: take free locks; for held queues, move due jobs and serve due cron entries. */
  async tick(): Promise<void> {
    for (const queue of this.queues) {
      // one queue's failure (a lost connection, a script error) does not keep the others waiting
      await this.tickQueue(queue).catch((error: Error) => this.options.onError?.(error));
    }
    if (this.held.size > 0) await this.describe().catch((error: Error) => this.options.onError?.(error));
  }

  private async tickQueue(queue: string): Promise<void> {
    const held = await runScript<number>(this.redis, schedulerLockScript, [keys.schedulerLock(queue)], ["acquire", this.name, this.lockTtl]);
    if (held !== 1) {
      this.held.delete(queue);
      return;
    }
    this.held.add(queue);
    const now = this.now();
    const queued = await runScript<number>(
      this.redis,
      enqueueDueScript,
      [keys.scheduled(queue), keys.queue(queue), keys.queues(), keys.schedulerLock(queue)],
      [this.name, epochSeconds(now), rqTimestamp(now), this.batch, this.lockTtl, epochFloat(now)],
    );
    if (queued === -1) {
      this.held.delete(queue);
      return;
    }
    if (queued > 0) this.options.onEnqueued?.(queue, queued);
    const ticks = await fireDueEntries({
      redis: this.redis,
      queue,
      schedulerName: this.name,
      now,
      misfireGraceMs: this.misfireGraceMs,
      batch: this.batch,
    });
    if (ticks === "lost-lock") {
      this.held.delete(queue);
      return;
    }
    for (const tick of ticks) {
      // an entry paused for unusable data is an error someone has to see (a worker logs it)
      if (tick.error) this.options.onError?.(new InvalidArgumentError(`cron entry "${tick.entryId}" of queue "${queue}": ${tick.error}`));
      this.options.onCronTick?.(tick);
    }
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    const delay = this.intervalMs - (Date.now() % this.intervalMs) + ALIGNMENT_SLACK_MS;
    this.timer = setTimeout(() => {
      this.ticking = this.tick().finally(() => {
        this.ticking = undefined;
        this.scheduleNext();
      });
    }, delay);
    this.timer.unref();
  }

  /** Writes RQ 2.10's `rq:scheduler:{name}` hash. */
  private async describe(): Promise<void> {
    const key = keys.scheduler(this.name);
    await this.redis
      .multi()
      .hset(key, {
        name: this.name,
        hostname: hostname(),
        pid: String(process.pid),
        queues: [...this.held].join(","),
        created_at: this.createdAt,
        last_heartbeat: rqTimestamp(this.now()),
      })
      .expire(key, this.lockTtl)
      .exec();
  }
}
