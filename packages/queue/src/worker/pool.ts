/**
 * Work-horse pool: long-lived child processes (`child_process.fork` of `./child.js`) that each load
 * the task module once and then run jobs one at a time, for `isolation: "process"`.
 *
 * - `start()` forks `size` children and resolves when every one has loaded the module (its `ready`
 *   message lists the task names and arities), or rejects with the child's load error.
 * - `submit(request)` runs one job on an idle child, or queues it until a child is free. The handle
 *   can `abort` the job (the child aborts the handler's AbortSignal; a child that has not ended the
 *   job within the grace period is SIGKILLed and replaced) or `kill` it (SIGKILL at once: hard timeout).
 * - A child that exits for any reason (process.exit, uncaught exception, out of memory, a signal from
 *   outside, a kill by the pool) fails only the job it was running, and a replacement is started.
 *   Children that die before loading the module are restarted with back-off (up to 5 s).
 * - `close()` waits for running jobs, disconnects the children (they exit when their IPC channel
 *   closes) and SIGKILLs whatever is left after a deadline; `close({ cold: true })` SIGKILLs at once.
 *   A child whose parent dies exits too: its IPC channel closes.
 *
 * The child never opens Redis: `saveMeta`/`setProgress` arrive here as `save-meta` messages and the
 * pool's owner (ProcessExecutor) writes them.
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { RqtsError } from "../errors.js";
import { deserializeError, serializeError, type ChildMessage, type ParentMessage, type RunRequest, type SerializedError } from "./ipc.js";

/** How a submitted job ended, from the pool's side. */
export type RunResult =
  | { kind: "ok"; pid: number; json: string | undefined; unserializable: boolean }
  | { kind: "error"; pid: number; error: SerializedError }
  | { kind: "crash"; pid: number; code: number | null; signal: NodeJS.Signals | null; fatal?: SerializedError }
  | { kind: "cancelled" }
  | { kind: "unavailable"; error: Error };

export interface RunHooks {
  /** Called when a child takes the job (start the timeout here). */
  onStart?(pid: number): void;
  /**
   * Stores the job's meta on behalf of the child (`progress` set: it came from `setProgress`); a
   * rejection is sent back to the child's `saveMeta()`.
   */
  saveMeta(meta: Record<string, unknown>, progress: { value: unknown } | undefined): Promise<void>;
}

export interface RunHandle {
  readonly result: Promise<RunResult>;
  /** Asks the child to abort the job; SIGKILLs (and replaces) the child if the job has not ended after `graceMs`. */
  abort(reason: Error, graceMs: number): void;
  /** SIGKILLs the child running the job (which is then replaced), or drops the job if it is still queued. */
  kill(why: string): void;
}

export interface PoolOptions {
  /** file: URL of the task module. */
  moduleUrl: string;
  /** Number of children. */
  size: number;
  /** The child entry (a path). @defaultValue `childEntryPath()` */
  entry?: string;
  /** Node flags for the children (e.g. `--import <tsx>`). Never the parent's own `execArgv`. */
  execArgv: string[];
  /** How long a warm `close()` waits for children before SIGKILL. @defaultValue 5000 */
  closeDeadlineMs?: number;
  /** Lifecycle log lines (a child exited, was replaced, …). */
  log?: (level: "info" | "warn", message: string) => void;
}

/** A work-horse died while running a job (RQ: "Work-horse terminated unexpectedly"). */
export class WorkHorseTerminatedError extends RqtsError {}

/**
 * The child entry next to this module: `child.js` (compiled, in dist) or, when running from source
 * (under tsx or vitest), `child.ts`.
 */
export function childEntryPath(): string {
  // Joined at run time rather than `new URL("./child.js", import.meta.url)`: bundlers (Next.js's
  // Turbopack) take that form for an asset to bundle, and fail on the `.ts` one dist does not have.
  const here = dirname(fileURLToPath(import.meta.url));
  const js = join(here, "child.js");
  if (existsSync(js)) return js;
  const ts = join(here, "child.ts");
  if (existsSync(ts)) return ts;
  throw new RqtsError(`The work-horse entry ${js} is missing: is @rqts/queue's dist complete?`);
}

interface Submission {
  readonly runId: number;
  readonly request: RunRequest;
  readonly hooks: RunHooks;
  state: "queued" | "running" | "done";
  slot?: Slot;
  abortTimer?: NodeJS.Timeout;
  resolve(result: RunResult): void;
}

interface Slot {
  readonly process: ChildProcess;
  readonly pid: number;
  state: "starting" | "idle" | "busy";
  /** Killed or disconnected by the pool: never given another job. */
  retiring: boolean;
  run?: Submission;
  loadError?: SerializedError;
  fatal?: SerializedError;
  readonly exited: Promise<void>;
}

type Phase = "new" | "starting" | "running" | "closing" | "closed";

export class ChildPool {
  private readonly slots = new Set<Slot>();
  private readonly waiting: Submission[] = [];
  private readonly entry: string;
  private readonly closeDeadlineMs: number;
  private phase: Phase = "new";
  private taskInfo: Map<string, number> | undefined;
  private nextRunId = 1;
  private failures = 0;
  private respawnTimer: NodeJS.Timeout | undefined;
  private startPromise: Promise<void> | undefined;
  private startWaiter: { resolve(): void; reject(error: Error): void } | undefined;

  constructor(private readonly options: PoolOptions) {
    this.entry = options.entry ?? childEntryPath();
    this.closeDeadlineMs = options.closeDeadlineMs ?? 5_000;
  }

  /** Pids of the live children (including ones being replaced). */
  get pids(): number[] {
    return [...this.slots].map((s) => s.pid);
  }

  /** Task names the children loaded (known once `start()` resolved). */
  get taskNames(): string[] {
    return [...(this.taskInfo?.keys() ?? [])];
  }

  /** The declared parameter count of a task, or undefined when the module has no such task. */
  taskArity(name: string): number | undefined {
    return this.taskInfo?.get(name);
  }

  /** Forks the children; resolves once all have loaded the module. Idempotent. */
  start(): Promise<void> {
    this.startPromise ??= new Promise<void>((resolve, reject) => {
      if (this.phase !== "new") return reject(new RqtsError("The work-horse pool was closed before it started"));
      this.phase = "starting";
      this.startWaiter = { resolve, reject };
      for (let i = 0; i < this.options.size; i++) this.spawn();
    });
    return this.startPromise;
  }

  /** Runs a job on a free child, or queues it until one is free. */
  submit(request: RunRequest, hooks: RunHooks): RunHandle {
    let resolveResult!: (result: RunResult) => void;
    const result = new Promise<RunResult>((resolve) => (resolveResult = resolve));
    const submission: Submission = {
      runId: this.nextRunId++,
      request,
      hooks,
      state: "queued",
      resolve: (r) => {
        if (submission.state === "done") return;
        submission.state = "done";
        clearTimeout(submission.abortTimer);
        resolveResult(r);
      },
    };
    if (this.phase === "closing" || this.phase === "closed") {
      submission.resolve({ kind: "unavailable", error: new RqtsError("The work-horse pool is closed") });
    } else {
      this.waiting.push(submission);
      this.pump();
    }
    return {
      result,
      abort: (reason, graceMs) => this.abort(submission, reason, graceMs),
      kill: (why) => this.killSubmission(submission, why),
    };
  }

  /**
   * Stops the pool. Warm: running jobs end first, then children are disconnected and SIGKILLed after
   * the deadline. Cold: every child is SIGKILLed now. Resolves when every child has exited.
   */
  async close(options: { cold?: boolean } = {}): Promise<void> {
    if (this.phase !== "closing" && this.phase !== "closed") {
      this.phase = "closing";
      clearTimeout(this.respawnTimer);
      this.startWaiter?.reject(new RqtsError("The work-horse pool was closed while it started"));
      this.startWaiter = undefined;
      for (const submission of this.waiting.splice(0)) {
        submission.resolve({ kind: "unavailable", error: new RqtsError("The work-horse pool closed before the job got a child") });
      }
    }
    const slots = [...this.slots];
    if (options.cold) {
      for (const slot of slots) this.killSlot(slot);
    } else {
      for (const slot of slots) if (slot.state !== "busy") this.retire(slot);
      // busy children are retired when their job ends (see `finished`)
    }
    const deadline = options.cold
      ? undefined
      : setTimeout(() => {
          for (const slot of this.slots) {
            this.log("warn", `work-horse ${slot.pid} did not exit within ${this.closeDeadlineMs} ms of the pool closing; killing it`);
            this.killSlot(slot);
          }
        }, this.closeDeadlineMs);
    await Promise.all(slots.map((s) => s.exited));
    // children started while closing (none are, but be safe) have exited too
    while (this.slots.size > 0) await Promise.all([...this.slots].map((s) => s.exited));
    clearTimeout(deadline);
    this.phase = "closed";
  }

  private spawn(): void {
    const child = fork(this.entry, [this.options.moduleUrl], {
      execArgv: this.options.execArgv,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "json",
    });
    let markExited!: () => void;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const slot: Slot = { process: child, pid: child.pid ?? -1, state: "starting", retiring: false, exited };
    this.slots.add(slot);
    child.on("error", (error) => this.log("warn", `work-horse ${slot.pid}: ${error.message}`));
    child.on("message", (message: ChildMessage) => this.onMessage(slot, message));
    // The exit is handled once the process has exited AND its IPC channel has closed, so every message
    // it sent (a result just before process.exit) is read first. ("close" would say the same, but it
    // never fires after the parent disconnects the channel itself.)
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let handled = false;
    const handle = () => {
      if (handled || !exit) return;
      handled = true;
      this.onExit(slot, exit.code, exit.signal);
      markExited();
    };
    child.once("disconnect", handle);
    child.once("exit", (code: number | null, signal: NodeJS.Signals | null) => {
      exit = { code, signal };
      if (!child.connected) handle();
      else setTimeout(handle, 200).unref(); // the channel closes right after; never wait on it for long
    });
  }

  private onMessage(slot: Slot, message: ChildMessage): void {
    switch (message.type) {
      case "ready": {
        if (slot.state !== "starting") return;
        this.taskInfo ??= new Map(message.tasks.map((t) => [t.name, t.arity]));
        slot.state = "idle";
        if (slot.retiring) return this.retire(slot);
        if (this.phase === "starting" && [...this.slots].every((s) => s.state !== "starting")) {
          this.phase = "running";
          this.startWaiter?.resolve();
          this.startWaiter = undefined;
          this.replenish(); // in case a child died while the others were starting
        }
        this.pump();
        return;
      }
      case "load-error":
        slot.loadError = message.error;
        return;
      case "fatal":
        slot.fatal = message.error;
        return;
      case "result":
      case "error": {
        const run = slot.run;
        if (!run || run.runId !== message.runId) return;
        this.failures = 0;
        if (message.type === "result") {
          run.resolve({ kind: "ok", pid: slot.pid, json: message.json, unserializable: message.unserializable === true });
        } else {
          run.resolve({ kind: "error", pid: slot.pid, error: message.error });
        }
        this.finished(slot);
        return;
      }
      case "save-meta": {
        const run = slot.run;
        const reply = (error?: Error) =>
          this.send(slot, { type: "save-meta-done", requestId: message.requestId, ...(error ? { error: serializeError(error) } : {}) });
        if (!run || run.runId !== message.runId) {
          reply(new RqtsError("saveMeta() was called after the job ended"));
          return;
        }
        run.hooks.saveMeta(message.meta, message.progress).then(
          () => reply(),
          (error: unknown) => reply(error instanceof Error ? error : new Error(String(error))),
        );
        return;
      }
    }
  }

  /** The slot's job ended (result or error): the child is free again, unless it is being retired. */
  private finished(slot: Slot): void {
    slot.run = undefined;
    if (slot.state === "busy") slot.state = "idle";
    if (slot.retiring) return;
    if (this.phase === "closing" || this.phase === "closed") return this.retire(slot);
    this.pump();
  }

  private onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    this.slots.delete(slot);
    const how = signal ? `signal ${signal}` : `exit code ${code}`;
    const run = slot.run;
    slot.run = undefined;
    if (run) run.resolve({ kind: "crash", pid: slot.pid, code, signal, ...(slot.fatal ? { fatal: slot.fatal } : {}) });
    const closing = this.phase === "closing" || this.phase === "closed";
    if (closing) return;

    if (slot.state === "starting") {
      // it never loaded the module
      const reason = slot.loadError
        ? `${slot.loadError.name}: ${slot.loadError.message}`
        : `the work-horse exited (${how}) before loading it`;
      const error = new RqtsError(`Could not load tasksModule ${this.options.moduleUrl}: ${reason}`);
      if (slot.loadError) error.cause = deserializeError(slot.loadError);
      this.failures++;
      if (this.phase === "starting") {
        this.startWaiter?.reject(error);
        this.startWaiter = undefined;
        return; // the owner closes the pool
      }
      this.log("warn", error.message);
      if (![...this.slots].some((s) => s.state !== "starting")) {
        for (const submission of this.waiting.splice(0)) submission.resolve({ kind: "unavailable", error });
      }
    } else if (!slot.retiring) {
      if (!run) this.failures++; // died while idle: count towards back-off
      const fatal = slot.fatal ? ` after an uncaught exception (${slot.fatal.name}: ${slot.fatal.message})` : "";
      this.log("warn", `work-horse ${slot.pid} terminated unexpectedly (${how})${fatal}${run ? ` while running job ${run.request.jobId}` : ""}; starting a replacement`);
    }
    this.replenish();
  }

  /** Starts children until there are `size` that are not being retired (after a back-off on repeated failures). */
  private replenish(): void {
    if (this.phase !== "running" || this.respawnTimer) return;
    const missing = this.options.size - [...this.slots].filter((s) => !s.retiring).length;
    if (missing <= 0) return;
    const delay = this.failures === 0 ? 0 : Math.min(100 * 2 ** (this.failures - 1), 5_000);
    const go = () => {
      this.respawnTimer = undefined;
      if (this.phase !== "running") return;
      const still = this.options.size - [...this.slots].filter((s) => !s.retiring).length;
      try {
        for (let i = 0; i < still; i++) this.spawn();
      } catch (error) {
        // fork itself failed (out of processes or memory): try again after a back-off
        this.failures++;
        this.log("warn", `could not start a work-horse: ${(error as Error).message}`);
        this.replenish();
      }
    };
    if (delay === 0) go();
    else this.respawnTimer = setTimeout(go, delay);
  }

  /** Gives queued jobs to idle children. */
  private pump(): void {
    while (this.waiting.length > 0) {
      const slot = [...this.slots].find((s) => s.state === "idle" && !s.retiring);
      if (!slot) return;
      const submission = this.waiting.shift()!;
      submission.state = "running";
      submission.slot = slot;
      slot.state = "busy";
      slot.run = submission;
      const { runId, request } = submission;
      if (!this.send(slot, { type: "run", runId, ...request })) {
        // the channel closed under us: the child is dying; the job goes back to the front
        slot.run = undefined;
        submission.state = "queued";
        submission.slot = undefined;
        this.waiting.unshift(submission);
        this.killSlot(slot);
        continue;
      }
      submission.hooks.onStart?.(slot.pid);
    }
  }

  private abort(submission: Submission, reason: Error, graceMs: number): void {
    if (submission.state === "queued") {
      this.dequeue(submission);
      return;
    }
    const slot = submission.slot;
    if (submission.state !== "running" || !slot || slot.run !== submission) return;
    this.send(slot, { type: "abort", runId: submission.runId, reason: serializeError(reason) });
    clearTimeout(submission.abortTimer);
    submission.abortTimer = setTimeout(() => {
      if (slot.run !== submission) return;
      this.log("warn", `work-horse ${slot.pid} did not end aborted job ${submission.request.jobId} within ${graceMs} ms; killing it`);
      this.killSlot(slot);
    }, graceMs);
  }

  private killSubmission(submission: Submission, why: string): void {
    if (submission.state === "queued") return this.dequeue(submission);
    const slot = submission.slot;
    if (submission.state === "running" && slot && slot.run === submission) {
      this.log("warn", `killing work-horse ${slot.pid}: ${why}; starting a replacement`);
      this.killSlot(slot);
    }
  }

  private dequeue(submission: Submission): void {
    const index = this.waiting.indexOf(submission);
    if (index !== -1) this.waiting.splice(index, 1);
    submission.resolve({ kind: "cancelled" });
  }

  /** SIGKILL; the replacement starts at once (the exit is handled when it comes). */
  private killSlot(slot: Slot): void {
    const wasRetiring = slot.retiring;
    slot.retiring = true;
    if (slot.process.exitCode === null && slot.process.signalCode === null) slot.process.kill("SIGKILL");
    if (!wasRetiring) this.replenish();
  }

  /** Graceful: the child exits when its IPC channel closes. */
  private retire(slot: Slot): void {
    slot.retiring = true;
    if (slot.process.connected) slot.process.disconnect();
  }

  private send(slot: Slot, message: ParentMessage): boolean {
    if (!slot.process.connected) return false;
    try {
      slot.process.send(message, (error: Error | null) => {
        if (error) this.log("warn", `work-horse ${slot.pid}: could not send ${message.type}: ${error.message}`);
      });
      return true;
    } catch {
      return false;
    }
  }

  private log(level: "info" | "warn", message: string): void {
    this.options.log?.(level, message);
  }
}
