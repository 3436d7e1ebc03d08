/**
 * Scheduler: queues scheduled jobs when they are due (`enqueueAt`, `enqueueIn`, retry and repeat
 * intervals). It runs inside workers started with `withScheduler: true`.
 *
 * For each queue, exactly one scheduler holds `rq:scheduler-lock:{q}` (value: its name, as RQ 2.x
 * writes it — Python RQ schedulers and rqts's exclude each other). Every tick the holder moves due jobs
 * and extends its lock in the same script, after checking it still holds it; the others try to take
 * free locks. A holder that dies stops extending, so its lock expires (61 s) and another takes over; a
 * clean stop releases its locks at once. RQ 2.10's `rq:scheduler:{name}` hash describes the holder.
 */
import { hostname } from "node:os";
import type { Redis } from "ioredis";
import { keys } from "./keys.js";
import { enqueueDueScript } from "./lua/enqueue-due.js";
import { schedulerLockScript } from "./lua/scheduler-lock.js";
import { runScript } from "./scripts.js";
import { epochFloat, epochSeconds, rqTimestamp } from "./time.js";

export interface SchedulerOptions {
  /** How often due jobs are looked for. @defaultValue 1 s (RQ's) */
  intervalMs?: number;
  /** The lock's lifetime; a dead holder is replaced within it. @defaultValue 61 s (RQ's) */
  lockTtlSeconds?: number;
  /** Jobs moved per queue per tick. @defaultValue 1000 (RQ's) */
  batch?: number;
  onError?: (error: Error) => void;
  /** Called after a tick that queued jobs. */
  onEnqueued?: (queue: string, count: number) => void;
}

export class Scheduler {
  private readonly held = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private readonly intervalMs: number;
  private readonly lockTtl: number;
  private readonly batch: number;
  private readonly createdAt = rqTimestamp();

  constructor(
    private readonly redis: Redis,
    readonly name: string,
    readonly queues: readonly string[],
    private readonly options: SchedulerOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1_000;
    this.lockTtl = options.lockTtlSeconds ?? 61;
    this.batch = options.batch ?? 1_000;
  }

  /** The queues whose lock this scheduler holds now. */
  get heldQueues(): string[] {
    return [...this.held];
  }

  /** Runs a first tick, then one every interval. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      if (!this.ticking) this.ticking = this.tick().finally(() => (this.ticking = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops ticking and releases every lock it holds. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
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

  /** One tick: take free locks, move due jobs of held queues. */
  async tick(): Promise<void> {
    try {
      for (const queue of this.queues) {
        const held = await runScript<number>(this.redis, schedulerLockScript, [keys.schedulerLock(queue)], ["acquire", this.name, this.lockTtl]);
        if (held === 1) this.held.add(queue);
        else this.held.delete(queue);
        if (held !== 1) continue;
        const now = new Date();
        const queued = await runScript<number>(
          this.redis,
          enqueueDueScript,
          [keys.scheduled(queue), keys.queue(queue), keys.queues(), keys.schedulerLock(queue)],
          [this.name, epochSeconds(now), rqTimestamp(now), this.batch, this.lockTtl, epochFloat(now)],
        );
        if (queued === -1) this.held.delete(queue);
        else if (queued > 0) this.options.onEnqueued?.(queue, queued);
      }
      if (this.held.size > 0) await this.describe();
    } catch (error) {
      this.options.onError?.(error as Error);
    }
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
        last_heartbeat: rqTimestamp(),
      })
      .expire(key, this.lockTtl)
      .exec();
  }
}
