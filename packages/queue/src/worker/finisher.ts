/**
 * Finisher: commits job outcomes to Redis in batches. Outcomes that arrive while a commit is under way
 * wait and go together in the next one, so a busy worker pays one round trip for many jobs. A commit
 * that fails (Redis unreachable) is retried with backoff: while the process lives, no outcome is
 * dropped; if it dies, the jobs are still in rq:wip and maintenance recovers them.
 */
import type { Redis } from "ioredis";
import { defaults } from "../defaults.js";
import { keys } from "../keys.js";
import { FINISH_CODES, finishScript } from "../lua/finish.js";
import { runScript, type ScriptArg } from "../scripts.js";
import { epochFloat, epochSeconds, rqTimestamp } from "../time.js";
import type { Outcome } from "./executor.js";

/** What the finish script did with an outcome. */
export type FinishResult = keyof typeof FINISH_CODES;

const BY_CODE = Object.fromEntries(Object.entries(FINISH_CODES).map(([name, code]) => [code, name])) as Record<number, FinishResult>;

export function finishResult(code: number | undefined): FinishResult {
  return BY_CODE[code ?? 0] ?? "skipped";
}

export interface FinisherOptions {
  /** The worker state to record after a commit, given how many jobs still run ("" = leave it). */
  stateAfter: () => "" | "idle" | "busy";
  /** Called once an outcome is in Redis, with what became of the job (`skipped`: it was no longer ours). */
  onCommitted: (outcome: Outcome, result: FinishResult) => void;
  onError: (error: Error) => void;
}

/** Encodes outcomes as the finish script's ARGV. Shared with maintenance (abandoned jobs). */
export function finishArgs(
  workerName: string,
  state: string,
  outcomes: ReadonlyArray<{ kind: string; queue: string; id: string; execution: string; startedAtEpoch: string; payload: string; workingSeconds: number }>,
  now: Date = new Date(),
): ScriptArg[] {
  const args: ScriptArg[] = [
    workerName,
    rqTimestamp(now),
    epochFloat(now),
    epochSeconds(now),
    defaults.resultTtlSeconds,
    defaults.failureTtlSeconds,
    state,
    defaults.resultHistory,
  ];
  for (const o of outcomes) {
    args.push(o.kind, o.queue, o.id, o.execution, o.startedAtEpoch, o.payload, o.workingSeconds.toFixed(6), Math.random().toFixed(6));
  }
  return args;
}

export class Finisher {
  private readonly buffer: Outcome[] = [];
  private inFlight: Promise<void> | undefined;
  private retryDelayMs = 100;
  private readonly workerKey: string;

  constructor(
    private readonly redis: Redis,
    private readonly workerName: string,
    private readonly options: FinisherOptions,
  ) {
    this.workerKey = keys.worker(workerName);
  }

  get pending(): number {
    return this.buffer.length + (this.inFlight ? 1 : 0);
  }

  add(outcome: Outcome): void {
    this.buffer.push(outcome);
    this.kick();
  }

  /** Resolves once every outcome added so far is committed (or `deadlineMs` passes). */
  async drain(deadlineMs = Infinity): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while ((this.inFlight || this.buffer.length > 0) && Date.now() < deadline) {
      this.kick();
      await Promise.race([this.inFlight, new Promise((r) => setTimeout(r, Math.min(50, Math.max(0, deadline - Date.now()))))]);
    }
  }

  private kick(): void {
    if (this.inFlight || this.buffer.length === 0) return;
    this.inFlight = this.commit().finally(() => {
      this.inFlight = undefined;
      this.kick();
    });
  }

  private async commit(): Promise<void> {
    const batch = this.buffer.splice(0, defaults.finishBatch);
    const outcomes = batch.map((o) => ({ ...o, ...o.job, kind: o.kind }));
    try {
      const state = this.buffer.length === 0 ? this.options.stateAfter() : "";
      const codes = await runScript<number[]>(this.redis, finishScript, [this.workerKey], finishArgs(this.workerName, state, outcomes));
      this.retryDelayMs = 100;
      batch.forEach((outcome, index) => this.options.onCommitted(outcome, finishResult(codes[index])));
    } catch (error) {
      this.buffer.unshift(...batch);
      this.options.onError(error as Error);
      await new Promise((resolve) => setTimeout(resolve, this.retryDelayMs));
      this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5_000);
    }
  }
}
