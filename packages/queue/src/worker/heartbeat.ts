/**
 * Heartbeat: one timer per worker. Each tick refreshes the worker key and, in the same script call,
 * the rq:wip scores of every job it runs, so a live worker's jobs are never taken for abandoned. It
 * reports a worker key that is gone (Redis lost its data, or the key expired while the process
 * stalled), so that the worker registers again instead of working unlisted.
 */
import type { Redis } from "ioredis";
import { keys } from "../keys.js";
import { heartbeatScript } from "../lua/heartbeat.js";
import { runScript, type ScriptArg } from "../scripts.js";
import { epochFloat, epochSeconds, rqTimestamp } from "../time.js";
import type { ClaimedJob } from "./fetcher.js";

export interface HeartbeatHandlers {
  /** Jobs Redis no longer lists as ours (maintenance elsewhere took them for abandoned). */
  onLost(ids: string[]): void;
  /** The worker key is gone: register the worker again. */
  onUnlisted(): Promise<void>;
  onError(error: Error): void;
}

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private beating = false;

  constructor(
    private readonly redis: Redis,
    private readonly workerName: string,
    private readonly intervalMs: number,
    private readonly workerKeyTtlSeconds: number,
    private readonly wipTtlSeconds: number,
    private readonly running: () => Iterable<ClaimedJob>,
    private readonly handlers: HeartbeatHandlers,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One beat at a time: a slow one (Redis busy, registering again) is not overlapped by the next. */
  private async tick(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await this.beat();
    } catch (error) {
      this.handlers.onError(error as Error);
    } finally {
      this.beating = false;
    }
  }

  async beat(): Promise<void> {
    const now = new Date();
    const args: ScriptArg[] = [rqTimestamp(now), epochFloat(now), epochSeconds(now), this.workerKeyTtlSeconds, this.wipTtlSeconds];
    for (const job of this.running()) args.push(job.queue, job.id, job.execution);
    const [listed, lost] = await runScript<[number, string[]]>(this.redis, heartbeatScript, [keys.worker(this.workerName), keys.workers()], args);
    if (lost.length > 0) this.handlers.onLost(lost);
    if (listed === 0) await this.handlers.onUnlisted();
  }
}
