/**
 * Worker: takes jobs from its queues (in priority order) and runs up to `concurrency` of them at once
 * in this process.
 *
 * Given: queue names, an ioredis connection (duplicated: the worker never uses or closes yours) and
 * the tasks it may run. Its steps:
 * 1. register (RQ's worker hash), run a first maintenance pass, start heartbeats;
 * 2. loop: claim as many jobs as there are free slots; when the queues are empty, block until one
 *    arrives (or, in burst mode, stop once running jobs are done); when `rq:suspended` is set, wait;
 * 3. each job runs in the executor; its outcome is committed by the finisher in batches, or by the
 *    next claim, which takes waiting outcomes along (finish, then claim, in one script call);
 * 4. on stop: warm (the first SIGINT/SIGTERM, or `stop()`) lets running jobs finish and starts no new
 *    ones; cold (a second signal, or `stop({ cold: true })`) aborts them and records them as failed.
 */
import { EventEmitter } from "node:events";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { defaults } from "../defaults.js";
import { toMilliseconds, toSeconds } from "../duration.js";
import { InvalidArgumentError, JobStoppedError, RqtsError } from "../errors.js";
import type { Queue } from "../queue.js";
import { TaskRegistry } from "../tasks.js";
import { Scheduler } from "../scheduler.js";
import { Callbacks } from "./callbacks.js";
import { CommandListener } from "./commands.js";
import { Executor, failureOutcome, type JobExecutor, type Outcome } from "./executor.js";
import { ProcessExecutor, planChildren, type ChildPlan } from "./process-executor.js";
import { Fetcher, type ClaimedJob } from "./fetcher.js";
import { Finisher, type FinishResult } from "./finisher.js";
import { Heartbeat } from "./heartbeat.js";
import { JobAbort } from "./job-abort.js";
import { maintainQueue } from "./maintenance.js";
import { WorkerRegistration, type WorkerState } from "./registration.js";
import {
  consoleLogger,
  silentLogger,
  singleLineLogger,
  type RunOptions,
  type WorkerEvents,
  type WorkerLogger,
  type WorkerOptions,
} from "./options.js";

export type { WorkerLogger, WorkerOptions, RunOptions, WorkerEvents } from "./options.js";

type ExecuteFn = (job: ClaimedJob, abort: JobAbort) => Promise<Outcome>;

interface Running {
  job: ClaimedJob;
  abort: JobAbort;
  settled: boolean;
}

export class Worker extends EventEmitter<WorkerEvents> {
  readonly name: string;
  readonly queueNames: readonly string[];
  readonly concurrency: number;
  private readonly connection: Redis;
  private readonly tasks: TaskRegistry;
  /** How to start the child processes, with `isolation: "process"`; undefined when inline. */
  private readonly childPlan: ChildPlan | undefined;
  private readonly logger: WorkerLogger;
  private readonly heartbeatMs: number;
  private readonly wipTtlSeconds: number;
  private readonly maintenanceMs: number;
  /** A lock left by this worker dying mid-pass must not hold up others' maintenance for longer than one interval. */
  private readonly maintenanceLockSeconds: number;
  private readonly intermediateGraceMs: number;
  private readonly workerKeyTtlSeconds: number;
  private readonly dequeueTimeoutSeconds: number;
  private readonly maxJobs: number;
  private readonly handleSignals: boolean;
  private readonly withScheduler: boolean;
  private readonly schedulerIntervalMs: number;
  private readonly running = new Map<string, Running>();
  private slotWaiters: Array<() => void> = [];
  private stopRequested: "warm" | "cold" | undefined;
  private wakeStop: (() => void) | undefined;
  private fetcher: Fetcher | undefined;
  private jobsTaken = 0;
  private isRunning = false;
  private currentState: WorkerState = "starting";

  constructor(queues: string | Queue | ReadonlyArray<string | Queue>, options: WorkerOptions) {
    super();
    const list = (Array.isArray(queues) ? queues : [queues]) as Array<string | Queue>;
    this.queueNames = list.map((q) => (typeof q === "string" ? q : q.name));
    if (this.queueNames.length === 0) throw new InvalidArgumentError("A worker needs at least one queue name");
    if (!options?.connection) throw new InvalidArgumentError("new Worker(queues, { connection, tasks }): pass an ioredis connection");
    this.connection = options.connection;
    this.tasks = new TaskRegistry(options.tasks ?? []);
    const isolation = options.isolation ?? "inline";
    if (isolation !== "inline" && isolation !== "process") {
      throw new InvalidArgumentError(`isolation must be "inline" or "process"; got ${JSON.stringify(options.isolation)}`);
    }
    if (isolation === "inline" && options.tasksModule !== undefined) {
      throw new InvalidArgumentError('tasksModule is only used with isolation: "process"; pass the tasks in `tasks` to run them inline');
    }
    if (isolation === "inline" && options.tasks === undefined) {
      throw new InvalidArgumentError('new Worker(queues, { connection, tasks }): pass the tasks this worker runs (or isolation: "process" with tasksModule)');
    }
    this.childPlan = isolation === "process" ? planChildren(options.tasksModule) : undefined;
    this.concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new InvalidArgumentError(`concurrency must be a whole number ≥ 1; got ${options.concurrency}`);
    }
    this.name = options.name ?? randomUUID().replaceAll("-", "");
    this.maxJobs = options.maxJobs ?? Infinity;
    this.heartbeatMs = toMilliseconds(options.heartbeatInterval ?? defaults.heartbeatIntervalMs, "heartbeatInterval");
    const graceMs = toMilliseconds(options.abandonedGrace ?? defaults.abandonedGraceMs, "abandonedGrace");
    this.wipTtlSeconds = Math.ceil((this.heartbeatMs + graceMs) / 1000);
    this.maintenanceMs = toMilliseconds(options.maintenanceInterval ?? defaults.maintenanceIntervalMs, "maintenanceInterval");
    this.maintenanceLockSeconds = Math.min(defaults.maintenanceLockSeconds, Math.max(1, Math.ceil(this.maintenanceMs / 1000)));
    this.intermediateGraceMs = toMilliseconds(options.intermediateGrace ?? defaults.intermediateGraceMs, "intermediateGrace");
    this.workerKeyTtlSeconds = toSeconds(options.workerTtl ?? `${defaults.workerTtlSeconds}s`, "workerTtl") + 60;
    this.dequeueTimeoutSeconds = Math.max(0.1, toMilliseconds(options.dequeueTimeout ?? `${defaults.dequeueTimeoutSeconds}s`) / 1000);
    this.handleSignals = options.handleSignals ?? true;
    this.withScheduler = options.withScheduler ?? false;
    this.schedulerIntervalMs = toMilliseconds(options.schedulerInterval ?? 1_000, "schedulerInterval");
    if (!(this.schedulerIntervalMs >= 1 && this.schedulerIntervalMs < Infinity)) throw new InvalidArgumentError("schedulerInterval must be at least 1 ms");
    this.logger = options.logger === false ? silentLogger : singleLineLogger(options.logger ?? consoleLogger);
  }

  /** The worker's state as last recorded. */
  get state(): WorkerState {
    return this.currentState;
  }

  /** How many jobs are running right now. */
  get activeJobs(): number {
    return this.running.size;
  }

  /** Runs until stopped (or, with `burst`, until the queues are empty). Resolves after deregistering. */
  async run(options: RunOptions = {}): Promise<void> {
    if (this.isRunning) throw new RqtsError(`Worker ${this.name} is running already`);
    this.isRunning = true;
    this.stopRequested = undefined;
    const redis = this.connection.duplicate({ connectionName: this.name });
    redis.on("error", () => undefined); // failed commands surface where they are awaited
    const registration = new WorkerRegistration(redis, this.name, this.queueNames, this.workerKeyTtlSeconds);
    const finisher = new Finisher(redis, this.name, {
      stateAfter: () => (this.running.size === 0 ? "idle" : ""),
      onCommitted: (outcome, result) => this.committed(outcome, result),
      onError: (error) => this.reportError("could not record job outcomes; retrying", error),
    });
    const fetcher = new Fetcher(redis, this.name, this.queueNames, this.wipTtlSeconds, this.dequeueTimeoutSeconds, (error) =>
      this.reportError("blocking dequeue failed", error),
    );
    this.fetcher = fetcher;
    const heartbeat = new Heartbeat(
      redis,
      this.name,
      this.heartbeatMs,
      this.workerKeyTtlSeconds,
      this.wipTtlSeconds,
      () => [...this.running.values()].map((r) => r.job),
      {
        onLost: (ids) => this.logger.warn(`Worker ${this.name}: jobs ${ids.join(", ")} were taken over by maintenance (missed heartbeats)`),
        onUnlisted: async () => {
          this.logger.warn(`Worker ${this.name}: its key in Redis is gone (data lost, or it expired while the process stalled); registering again`);
          await registration.birth({ again: true });
          if (this.currentState !== "started") await registration.setState(this.currentState);
        },
        onError: (error) => this.reportError("heartbeat failed", error),
      },
    );
    const executor: JobExecutor = this.childPlan
      ? new ProcessExecutor(redis, {
          plan: this.childPlan,
          size: this.concurrency,
          workerName: this.name,
          log: (level, message) => this.logger[level](`Worker ${this.name}: ${message}`),
        })
      : new Executor(redis, this.tasks, this.name);
    const callbacks = new Callbacks(redis, this.tasks, (job, name, error) =>
      this.reportError(`callback ${name} of job ${job.id} failed`, error),
    );
    const commands = new CommandListener(redis, this.name, {
      shutdown: () => {
        this.logger.info(`Worker ${this.name}: shutdown command received — warm shutdown`);
        this.stop();
      },
      stopJob: (jobId) => this.stopJob(jobId),
      stopAll: () => [...this.running.keys()].forEach((jobId) => this.stopJob(jobId)),
      warn: (message) => this.logger.warn(`Worker ${this.name}: ${message}`),
    });
    const scheduler = this.withScheduler
      ? new Scheduler(redis, this.name, this.queueNames, {
          intervalMs: this.schedulerIntervalMs,
          onError: (error) => this.reportError("scheduler failed", error),
        })
      : undefined;
    const removeSignals = this.handleSignals ? this.installSignalHandlers() : () => undefined;
    let maintenanceTimer: NodeJS.Timeout | undefined;
    try {
      await registration.birth();
      await executor.start?.(); // process isolation: the children load the task module, once each
      await commands.start();
      this.currentState = "started";
      this.logger.info(`Worker ${this.name} started on ${this.queueNames.join(", ")} (concurrency ${this.concurrency}${options.burst ? ", burst" : ""})`);
      await this.maintain(redis);
      // a burst worker queues what is due once (RQ's behaviour); others keep scheduling while they run
      if (scheduler && options.burst) await scheduler.tick();
      else await scheduler?.start();
      maintenanceTimer = setInterval(() => void this.maintain(redis), this.maintenanceMs);
      maintenanceTimer.unref();
      heartbeat.start();
      await this.loop(fetcher, (job, abort) => executor.execute(job, abort).then((o) => callbacks.after(o)), finisher, registration, options.burst === true);
      if (this.stopRequested !== "cold") await this.waitForRunning();
      // also when a warm stop turned cold while waiting: record the aborted jobs before the drain below
      if (this.stopRequested === "cold") this.failRunning(finisher);
    } finally {
      clearInterval(maintenanceTimer);
      heartbeat.stop();
      // process isolation: warm, running jobs are done by now and the children exit; cold, they are killed
      await executor.close?.({ cold: this.stopRequested === "cold" });
      await scheduler?.stop();
      await commands.stop();
      await fetcher.close();
      // Outcomes are retried while Redis is unreachable, but a stopping worker gives up after a while
      // rather than hang for ever: unrecorded jobs stay in rq:wip and maintenance recovers them.
      await finisher.drain(this.stopRequested === "cold" ? 5_000 : defaults.shutdownDrainMs);
      await registration.death().catch((error: Error) => this.reportError("could not record the worker's death", error));
      removeSignals();
      redis.disconnect();
      this.fetcher = undefined;
      this.isRunning = false;
      this.logger.info(`Worker ${this.name} stopped`);
    }
  }

  /**
   * Asks the worker to stop. Warm (default): running jobs finish, no new ones start. Cold: running jobs
   * are aborted (their AbortSignal fires) and recorded as failed at once.
   */
  stop(options: { cold?: boolean } = {}): void {
    this.stopRequested = options.cold ? "cold" : (this.stopRequested ?? "warm");
    if (options.cold) for (const r of this.running.values()) r.abort.abort(this.coldShutdownError());
    this.wakeStop?.();
    void this.fetcher?.close();
    this.notifySlot();
  }

  private async loop(fetcher: Fetcher, execute: ExecuteFn, finisher: Finisher, registration: WorkerRegistration, burst: boolean) {
    let backoffMs = 250;
    while (!this.stopRequested && this.jobsTaken < this.maxJobs) {
      const free = Math.min(this.concurrency - this.running.size, this.maxJobs - this.jobsTaken, defaults.claimBatch);
      if (free <= 0) {
        await this.slotFreed();
        continue;
      }
      let claimed;
      // outcomes waiting for a commit go in the same script call, recorded before the claim
      const finishing = finisher.takeForClaim();
      try {
        const reply = await fetcher.claim(free, finishing?.args);
        if (finishing) finisher.settle(finishing, reply.finishCodes);
        claimed = reply.result;
        backoffMs = 250;
      } catch (error) {
        if (finishing) finisher.giveBack(finishing);
        this.reportError(`could not take jobs; retrying in ${backoffMs} ms`, error as Error);
        await this.sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 30_000);
        continue;
      }
      if (claimed === "suspended") {
        if (burst) break;
        await this.setState(registration, "suspended");
        await this.sleep(defaults.suspensionPollMs);
        continue;
      }
      if (claimed.jobs.length > 0) {
        this.currentState = "busy";
        for (const job of claimed.jobs) this.start(job, execute, finisher);
        // Fewer than asked for: the queues were empty a moment ago, so asking again at once would cost
        // a round trip for nothing. Wait for an arrival (or, in burst mode, a free slot) instead.
        if (claimed.jobs.length >= free || claimed.waitMs > 0) continue;
      } else if (claimed.waitMs > 0) {
        // a rate-limited queue has jobs: wait for its window instead of blocking (which would take one)
        await this.sleep(Math.min(claimed.waitMs, this.dequeueTimeoutSeconds * 1000));
        continue;
      }
      if (burst) {
        if (this.running.size === 0) break;
        await this.slotFreed();
        continue;
      }
      if (this.running.size === 0) await this.setState(registration, "idle");
      await fetcher.waitForArrival();
    }
  }

  private start(job: ClaimedJob, execute: ExecuteFn, finisher: Finisher): void {
    this.jobsTaken++;
    const entry: Running = { job, abort: new JobAbort(), settled: false };
    this.running.set(job.id, entry);
    this.emit("job:started", job);
    void execute(job, entry.abort).then((outcome) => {
      if (entry.settled) return; // already recorded by a cold shutdown
      entry.settled = true;
      this.running.delete(job.id);
      finisher.add(outcome);
      this.notifySlot();
    });
  }

  private committed(outcome: Outcome, result: FinishResult): void {
    const { job } = outcome;
    switch (result) {
      case "skipped":
        this.logger.warn(`Worker ${this.name}: outcome of job ${job.id} not recorded: it was no longer ours (abandoned or deleted)`);
        return;
      case "finished":
        this.emit("job:finished", job, outcome.value);
        return;
      case "repeated":
        this.emit("job:repeating", job, outcome.value);
        return;
      case "retried":
        this.emit("job:retrying", job, outcome.error!);
        return;
      case "stopped":
        this.emit("job:stopped", job);
        return;
      case "failed":
        this.emit("job:failed", job, outcome.error!);
    }
  }

  /** Stops one running job: its AbortSignal fires, and it ends `stopped` (failed registry, never retried). */
  private stopJob(jobId: string): void {
    const entry = this.running.get(jobId);
    if (!entry) {
      this.logger.warn(`Worker ${this.name}: asked to stop job ${jobId}, which it is not running`);
      return;
    }
    this.logger.info(`Worker ${this.name}: stopping job ${jobId} on request`);
    entry.abort.abort(new JobStoppedError(jobId));
  }

  /** Cold shutdown: every running job is recorded as failed now; their handlers were aborted. */
  private coldShutdownError(): RqtsError {
    return new RqtsError(`Worker ${this.name} shut down cold while the job ran`);
  }

  private failRunning(finisher: Finisher): void {
    for (const entry of this.running.values()) {
      if (entry.settled) continue;
      entry.settled = true;
      finisher.add(failureOutcome(entry.job, this.coldShutdownError(), 0));
    }
    this.running.clear();
  }

  private async waitForRunning(): Promise<void> {
    while (this.running.size > 0 && this.stopRequested !== "cold") await this.slotFreed();
  }

  private async maintain(redis: Redis): Promise<void> {
    for (const queue of this.queueNames) {
      try {
        const report = await maintainQueue(redis, queue, this.name, this.intermediateGraceMs, new Date(), this.maintenanceLockSeconds);
        if (!report) continue;
        if (report.abandoned.length > 0) {
          this.logger.warn(`Worker ${this.name}: moved abandoned jobs to failed on ${queue}: ${report.abandoned.join(", ")}`);
        }
        if (report.recovered.length > 0) {
          this.logger.warn(`Worker ${this.name}: put back ${report.recovered.length} id(s) stuck in ${queue}'s intermediate list`);
        }
        this.emit("maintenance", report);
      } catch (error) {
        this.reportError(`maintenance of ${queue} failed`, error as Error);
      }
    }
  }

  private async setState(registration: WorkerRegistration, state: WorkerState): Promise<void> {
    if (this.currentState === state) return;
    this.currentState = state;
    await registration.setState(state).catch((error: Error) => this.reportError("could not record the worker state", error));
  }

  private slotFreed(): Promise<void> {
    return new Promise((resolve) => this.slotWaiters.push(resolve));
  }

  private notifySlot(): void {
    const waiters = this.slotWaiters;
    this.slotWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeStop = done;
    });
  }

  private reportError(what: string, error: Error): void {
    this.logger.error(`Worker ${this.name}: ${what}: ${error.message}`);
    if (this.listenerCount("error") > 0) this.emit("error", error);
  }

  private installSignalHandlers(): () => void {
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.stopRequested) {
        this.logger.warn(`Worker ${this.name}: ${signal} again — cold shutdown, aborting ${this.running.size} running job(s)`);
        this.stop({ cold: true });
      } else {
        this.logger.info(
          `Worker ${this.name}: ${signal} — warm shutdown, finishing ${this.running.size} running job(s); send ${signal} again to stop at once`,
        );
        this.stop();
      }
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    return () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    };
  }
}
