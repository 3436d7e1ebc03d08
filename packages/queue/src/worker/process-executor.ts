/**
 * ProcessExecutor: runs claimed jobs in a pool of long-lived child processes (`isolation: "process"`),
 * with the same contract as the inline `Executor`: `execute(job, controller)` never throws and
 * resolves with the job's outcome.
 *
 * - The payload is decoded here; a task name the children did not load fails the job with
 *   `UnknownTaskError` at once, without using a child (the names come from the children's `ready`
 *   message: the parent never imports the task module).
 * - The timeout is hard: at the deadline the child is SIGKILLed and replaced, and the job fails with
 *   `JobTimeoutError`. The clock starts when a child takes the job.
 * - `controller.abort(reason)` (cold shutdown, stop-job command) fails the job with `reason` at once
 *   and tells the child to abort the handler's signal; a child that has not ended the job within 1 s
 *   is SIGKILLed and replaced.
 * - A child that dies mid-job fails only that job (`WorkHorseTerminatedError`, with exit code or
 *   signal); an error thrown in the child keeps its name, message and stack.
 * - `saveMeta` / `setProgress` in the child are written to Redis here, with the same script as inline.
 */
import { createRequire } from "node:module";
import { existsSync } from "node:fs";
import { isAbsolute } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Redis } from "ioredis";
import { InvalidArgumentError, JobTimeoutError, RqtsError, UnknownTaskError, UnrecoverableError, toError } from "../errors.js";
import { UNSERIALIZABLE_RETURN_VALUE, decodeMeta, decodePayload } from "../serializer.js";
import { callArguments, failureOutcome, jobTimeoutMs, successOutcome, type JobExecutor, type Outcome } from "./executor.js";
import type { ClaimedJob } from "./fetcher.js";
import type { JobAbort } from "./job-abort.js";
import { saveRunningJobMeta } from "./job-meta.js";
import { deserializeError, type RunRequest, type SerializedError } from "./ipc.js";
import { ChildPool, WorkHorseTerminatedError, childEntryPath, type RunHandle, type RunResult } from "./pool.js";

/** How long a child may take to end an aborted job before it is killed and replaced. */
export const ABORT_GRACE_MS = 1_000;

/** The largest delay setTimeout accepts; longer timeouts count as none. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How to start the work-horses: the task module, the child entry and its Node flags. */
export interface ChildPlan {
  moduleUrl: string;
  entry: string;
  execArgv: string[];
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** tsx's ESM entry as a file: URL, looked up from the task module's folder first, then from rqts's. */
export function resolveTsx(modulePath: string): string {
  for (const from of [modulePath, fileURLToPath(import.meta.url)]) {
    try {
      return pathToFileURL(createRequire(from).resolve("tsx")).href;
    } catch {
      // try the next place
    }
  }
  throw new InvalidArgumentError(
    `tasksModule ${modulePath} is TypeScript, so its work-horses must start with \`--import tsx\`, but the tsx ` +
      `package could not be found from the module's folder or from @rqts/queue. Install it (npm install --save-dev tsx) ` +
      `or point tasksModule at compiled JavaScript.`,
  );
}

/**
 * Validates `tasksModule` and works out how to start children for it. Throws `InvalidArgumentError`
 * when it is missing, relative, not a file, or TypeScript without tsx available.
 */
export function planChildren(tasksModule: unknown): ChildPlan {
  if (typeof tasksModule !== "string" || tasksModule === "") {
    throw new InvalidArgumentError(
      'isolation: "process" needs the `tasksModule` option: the absolute path (or file: URL) of an ES module that ' +
        "exports the tasks (made by defineTask), e.g. tasksModule: fileURLToPath(new URL(\"./tasks.js\", import.meta.url)). " +
        "Functions cannot cross into child processes, so each child imports that module once.",
    );
  }
  let url: URL;
  if (tasksModule.startsWith("file:")) {
    try {
      url = new URL(tasksModule);
    } catch {
      throw new InvalidArgumentError(`tasksModule "${tasksModule}" is not a valid file: URL`);
    }
  } else if (isAbsolute(tasksModule)) {
    url = pathToFileURL(tasksModule);
  } else {
    throw new InvalidArgumentError(
      `tasksModule must be an absolute path or a file: URL; got "${tasksModule}" ` +
        `(resolve it first, e.g. fileURLToPath(new URL("./tasks.js", import.meta.url)))`,
    );
  }
  const path = fileURLToPath(url);
  if (!existsSync(path)) throw new InvalidArgumentError(`tasksModule ${path} does not exist`);
  const entry = childEntryPath();
  const needsTsx = TYPESCRIPT.test(path) || TYPESCRIPT.test(entry);
  return { moduleUrl: url.href, entry, execArgv: needsTsx ? ["--import", resolveTsx(path)] : [] };
}

export interface ProcessExecutorOptions {
  plan: ChildPlan;
  /** Number of children: the worker's concurrency. */
  size: number;
  workerName: string;
  log?: (level: "info" | "warn", message: string) => void;
}

/** Rebuilds a child's error as an Error with its name, message and stack (UnrecoverableError stays one). */
function childError(serialized: SerializedError): Error {
  const rebuilt = deserializeError(serialized);
  if (!serialized.unrecoverable && serialized.name !== "UnrecoverableError") return rebuilt;
  const error = new UnrecoverableError(rebuilt.message, rebuilt.cause ? { cause: rebuilt.cause } : undefined);
  error.name = serialized.name; // a subclass keeps its own name
  error.stack = rebuilt.stack;
  return error;
}

function terminated(result: Extract<RunResult, { kind: "crash" }>, jobId: string): Error {
  const how = result.signal ? `signal ${result.signal}` : `exit code ${result.code}`;
  const fatal = result.fatal ? `, after an uncaught exception: ${result.fatal.name}: ${result.fatal.message}` : "";
  const error = new WorkHorseTerminatedError(
    `Work-horse terminated unexpectedly (pid ${result.pid}, ${how}${fatal}) while running job ${jobId}`,
    result.fatal ? { cause: deserializeError(result.fatal) } : undefined,
  );
  error.stack = `${error.name}: ${error.message}`; // the parent's stack says nothing about the child
  return error;
}

export class ProcessExecutor implements JobExecutor {
  private readonly pool: ChildPool;
  private starting: Promise<void> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly options: ProcessExecutorOptions,
  ) {
    this.pool = new ChildPool({
      moduleUrl: options.plan.moduleUrl,
      entry: options.plan.entry,
      execArgv: options.plan.execArgv,
      size: options.size,
      ...(options.log ? { log: options.log } : {}),
    });
  }

  /** Pids of the live children. */
  get pids(): number[] {
    return this.pool.pids;
  }

  /** Starts the children; rejects when the task module cannot be loaded. Idempotent. */
  start(): Promise<void> {
    this.starting ??= this.pool.start();
    return this.starting;
  }

  /** Stops the children: warm waits for running jobs (then SIGKILL after 5 s), cold SIGKILLs now. */
  async close(options: { cold: boolean } = { cold: false }): Promise<void> {
    await this.pool.close({ cold: options.cold }).catch(() => undefined);
  }

  async execute(job: ClaimedJob, abort: JobAbort): Promise<Outcome> {
    const started = performance.now();
    const elapsed = () => (performance.now() - started) / 1000;
    let request: RunRequest;
    try {
      const payload = decodePayload(job.data);
      await this.start();
      const arity = this.pool.taskArity(payload.taskName);
      if (arity === undefined) throw this.unknownTask(payload.taskName);
      const timeoutMs = jobTimeoutMs(job);
      request = {
        jobId: job.id,
        queue: job.queue,
        workerName: this.options.workerName,
        taskName: payload.taskName,
        args: callArguments(payload.taskName, arity, payload.args, payload.kwargs),
        meta: decodeMeta(job.fields.meta),
        timeoutMs: Number.isFinite(timeoutMs) ? timeoutMs : null,
      };
      if (abort.reason) throw abort.reason;
    } catch (thrown) {
      return failureOutcome(job, toError(thrown), elapsed());
    }
    return this.runInChild(job, request, abort, elapsed);
  }

  private runInChild(job: ClaimedJob, request: RunRequest, abort: JobAbort, elapsed: () => number): Promise<Outcome> {
    const timeoutMs = request.timeoutMs ?? Infinity;
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let handle: RunHandle | undefined;
      let removeListener = () => undefined as void;
      const settle = (outcome: Outcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        removeListener();
        resolve(outcome);
      };
      const onTimeout = () => {
        handle?.kill(`job ${job.id} exceeded its timeout (${Math.round(timeoutMs / 1000)} s)`); // a hard timeout
        settle(failureOutcome(job, new JobTimeoutError(Math.round(timeoutMs / 1000)), elapsed()));
      };
      const onAbort = (reason: Error) => {
        handle?.abort(reason, ABORT_GRACE_MS);
        settle(failureOutcome(job, reason, elapsed()));
      };
      handle = this.pool.submit(request, {
        onStart: () => {
          if (timeoutMs <= MAX_TIMER_MS) timer = setTimeout(onTimeout, timeoutMs);
        },
        saveMeta: (meta, progress) => saveRunningJobMeta(this.redis, job, meta, progress),
      });
      removeListener = abort.onAbort(onAbort);
      void handle.result.then((result) => settle(this.toOutcome(job, result, elapsed())));
    });
  }

  /** UnknownTaskError, pointing at the task module rather than the `tasks` option. */
  private unknownTask(name: string): UnknownTaskError {
    const error = new UnknownTaskError(name, this.pool.taskNames);
    const known = this.pool.taskNames.map((n) => `"${n}"`).join(", ");
    error.message =
      `No task named "${name}" is exported by the worker's tasksModule ${fileURLToPath(this.options.plan.moduleUrl)} ` +
      `(it exports: ${known}). Export it from that module (made by defineTask), or enqueue one of those names.`;
    return error;
  }

  private toOutcome(job: ClaimedJob, result: RunResult, workingSeconds: number): Outcome {
    switch (result.kind) {
      case "ok": {
        const value = result.unserializable ? UNSERIALIZABLE_RETURN_VALUE : result.json === undefined ? undefined : JSON.parse(result.json);
        return successOutcome(job, value, workingSeconds);
      }
      case "error":
        return failureOutcome(job, childError(result.error), workingSeconds);
      case "crash":
        return failureOutcome(job, terminated(result, job.id), workingSeconds);
      case "unavailable":
        return failureOutcome(job, result.error, workingSeconds);
      case "cancelled":
        return failureOutcome(job, new RqtsError(`Job ${job.id} was cancelled before a work-horse took it`), workingSeconds);
    }
  }


}
