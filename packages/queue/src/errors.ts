/**
 * Typed errors. Every error rqts throws is an `RqtsError`; each message names what was wrong and what
 * would be accepted.
 */

/** Base class of every error rqts throws. */
export class RqtsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** An argument or option had a value rqts cannot accept. */
export class InvalidArgumentError extends RqtsError {}

/** A job id was asked for, but no such job exists in Redis (never enqueued, deleted or expired). */
export class NoSuchJobError extends RqtsError {
  constructor(readonly jobId: string) {
    super(`No job with id "${jobId}" exists in Redis (it was never enqueued, was deleted, or its TTL expired)`);
  }
}

/** A queue was named that has no jobs, no registry entries and no entry in `rq:queues` (inspector, CLI). */
export class NoSuchQueueError extends RqtsError {
  constructor(
    readonly queue: string,
    known: readonly string[],
  ) {
    const list = known.length > 0 ? known.map((name) => `"${name}"`).join(", ") : "none yet";
    super(`No queue named "${queue}" exists (known queues: ${list}); queue names are case-sensitive`);
  }
}

/** The operation does not apply to the job in its current state (e.g. requeueing a finished job). */
export class InvalidJobOperationError extends RqtsError {}

/** A worker took a job whose task name no registered task has. */
export class UnknownTaskError extends RqtsError {
  constructor(readonly taskName: string, registered: readonly string[]) {
    const known = registered.length ? registered.map((n) => `"${n}"`).join(", ") : "none";
    super(
      `No task named "${taskName}" is registered with this worker (registered: ${known}). ` +
        `Pass it in the worker's \`tasks\` option, or enqueue one of the registered names.`,
    );
  }
}

/** A job's stored `data` could not be decoded into a task name and arguments. */
export class MalformedJobError extends RqtsError {}

/** A job ran longer than its timeout. The message is RQ's, so Python readers see the same text. */
export class JobTimeoutError extends RqtsError {
  constructor(readonly timeoutSeconds: number) {
    super(`Task exceeded maximum timeout value (${timeoutSeconds} seconds)`);
  }
}

/** A job was found in the started registry with no live worker heartbeat: its worker died. */
export class AbandonedJobError extends RqtsError {}

/**
 * Throw this from a task handler to fail the job without using its remaining retries
 * (for errors that retrying cannot fix, such as a rejected email address).
 */
export class UnrecoverableError extends RqtsError {}

/** The job was stopped on request (`job.stop()`, or Python's `send_stop_job_command`). */
export class JobStoppedError extends RqtsError {
  constructor(readonly jobId: string) {
    // RQ's own text, so Python readers see the same reason
    super("Job stopped by user, work-horse terminated.");
  }
}

/** `unique: true` was asked for, and a job with that id exists already. */
export class DuplicateJobError extends RqtsError {
  constructor(readonly jobId: string) {
    super(`A job with id "${jobId}" exists already, and the job was enqueued with unique: true`);
  }
}

/** A cron entry id was asked for, but the queue has no such entry (never registered, removed, or its runs used up). */
export class NoSuchCronEntryError extends RqtsError {
  constructor(readonly queue: string, readonly entryId: string) {
    super(`Queue "${queue}" has no cron entry "${entryId}" (it was never registered, was removed, or its runs are used up); list them with queue.cronEntries.list()`);
  }
}

/** A worker with the same name is alive already. */
export class WorkerNameTakenError extends RqtsError {}

/** `waitForResult` ran out of time before the job ended. */
export class ResultTimeoutError extends RqtsError {
  constructor(readonly jobId: string, timeoutMs: number) {
    super(`Job "${jobId}" did not finish within ${timeoutMs} ms; it may still be queued or running`);
  }
}

/**
 * The error `waitForResult` rejects with when the job failed: it carries the job's error text (the
 * last line is `Name: message`, the rest is the stack or Python traceback).
 */
export class JobFailedError extends RqtsError {
  constructor(readonly jobId: string, readonly excString: string, readonly status: string) {
    const lines = excString.trimEnd().split("\n");
    super(`Job "${jobId}" ${status}: ${lines[lines.length - 1] ?? "no error text"}`);
  }
}

/** Turns anything a handler threw into an Error with a readable message. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  let text: string;
  try {
    text = typeof thrown === "string" ? thrown : JSON.stringify(thrown) ?? String(thrown);
  } catch {
    text = String(thrown);
  }
  const error = new Error(`A non-Error value was thrown: ${text}`);
  error.name = "NonErrorThrown";
  return error;
}

/**
 * The text stored as a failed result's `exc_string`. Python readers take the last line as the error,
 * so the stack comes first and `Name: message` last, like a Python traceback.
 */
export function formatException(error: Error): string {
  const header = `${error.name}: ${error.message}`;
  const all = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  // Frames below the job context are rqts's own machinery: noise in a job's traceback.
  const cut = all.findIndex((line) => line.includes("AsyncLocalStorage.run"));
  const frames = cut === -1 ? all : all.slice(0, Math.max(cut - 1, 1));
  const cause = error.cause instanceof Error ? `Caused by ${error.cause.name}: ${error.cause.message}\n` : "";
  return `Traceback (rqts, most recent call first):\n${frames.join("\n")}${frames.length ? "\n" : ""}${cause}${header}`;
}
