/**
 * Heartbeat: one timer per worker. Each tick refreshes the worker key and, in the same script call,
 * the rq:wip scores of every job it runs, so a live worker's jobs are never taken for abandoned.
 */
import type { Redis } from "ioredis";
import { keys } from "../keys.js";
import { heartbeatScript } from "../lua/heartbeat.js";
import { runScript, type ScriptArg } from "../scripts.js";
import { epochFloat, epochSeconds, rqTimestamp } from "../time.js";
import type { ClaimedJob } from "./fetcher.js";

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly workerName: string,
    private readonly intervalMs: number,
    private readonly workerKeyTtlSeconds: number,
    private readonly wipTtlSeconds: number,
    private readonly running: () => Iterable<ClaimedJob>,
    /** Jobs Redis no longer lists as ours (maintenance elsewhere took them for abandoned). */
    private readonly onLost: (ids: string[]) => void,
    private readonly onError: (error: Error) => void,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.beat().catch(this.onError), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async beat(): Promise<void> {
    const now = new Date();
    const args: ScriptArg[] = [rqTimestamp(now), epochFloat(now), epochSeconds(now), this.workerKeyTtlSeconds, this.wipTtlSeconds];
    for (const job of this.running()) args.push(job.queue, job.id, job.execution);
    const lost = await runScript<string[]>(this.redis, heartbeatScript, [keys.worker(this.workerName)], args);
    if (lost.length > 0) this.onLost(lost);
  }
}
