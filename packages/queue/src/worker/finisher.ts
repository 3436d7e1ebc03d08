/**
 * Finisher: commits job outcomes to Redis in batches. Outcomes of jobs that end in the same turn of the
 * event loop go together, and so do those that arrive while a commit is under way, so a busy worker
 * pays one round trip for many jobs. When the worker claims more jobs, it takes the waiting outcomes
 * along (`takeForClaim`) and commits them in the claim's own script call. A commit
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
  const seconds = epochSeconds(now);
  const args: ScriptArg[] = [
    workerName,
    rqTimestamp(now),
    epochFloat(now),
    seconds,
    defaults.resultTtlSeconds,
    defaults.failureTtlSeconds,
    state,
    defaults.resultHistory,
    seconds + defaults.resultTtlSeconds,
    seconds + defaults.failureTtlSeconds,
    seconds - (seconds % 60),
  ];
  for (const o of outcomes) {
    args.push(o.kind, o.queue, o.id, o.execution, o.startedAtEpoch, o.payload, o.workingSeconds.toFixed(6), Math.random().toFixed(6));
  }
  return args;
}

/** Outcomes handed to a claim, with their finish-script arguments. */
export interface TakenOutcomes {
  readonly batch: Outcome[];
  readonly args: ScriptArg[];
}

/** What the finish script needs of an outcome. */
function finishOutcome({ kind, job, payload, workingSeconds }: Outcome) {
  return { kind, queue: job.queue, id: job.id, execution: job.execution, startedAtEpoch: job.startedAtEpoch, payload, workingSeconds };
}

export class Finisher {
  private readonly buffer: Outcome[] = [];
  private inFlight: Promise<void> | undefined;
  private commitScheduled = false;
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
    if (this.commitScheduled) return;
    // Commit once the current turn's promise jobs have run: every job that ends in this turn (a burst of
    // short jobs ends together) goes in the same round trip, instead of the first one going alone.
    this.commitScheduled = true;
    process.nextTick(() => {
      this.commitScheduled = false;
      this.kick();
    });
  }

  /**
   * Takes the outcomes waiting for a commit (up to a batch), for the worker's next claim to commit in
   * its own script call; undefined when none wait. Give them back with `settle` or `giveBack`.
   */
  takeForClaim(): TakenOutcomes | undefined {
    if (this.buffer.length === 0) return undefined;
    const batch = this.buffer.splice(0, defaults.finishBatch);
    // no state change here: the claim that follows marks the worker busy if it starts a job, and the
    // worker records idle itself when it finds nothing to do (at concurrency 1 this saves two writes a job)
    return { batch, args: finishArgs(this.workerName, "", batch.map(finishOutcome)) };
  }

  /** The claim committed them: reports what became of each. */
  settle(taken: TakenOutcomes, codes: readonly number[]): void {
    this.retryDelayMs = 100;
    taken.batch.forEach((outcome, index) => this.options.onCommitted(outcome, finishResult(codes[index])));
  }

  /** The claim failed: they wait for the next commit again, first in line. */
  giveBack(taken: TakenOutcomes): void {
    this.buffer.unshift(...taken.batch);
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
    const outcomes = batch.map(finishOutcome);
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
