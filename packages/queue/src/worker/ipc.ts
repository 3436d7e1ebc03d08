/**
 * The messages between a worker and its work-horse children (process isolation), and how errors cross
 * that channel: by value, keeping name, message, stack and cause. Shared by pool.ts (the parent side)
 * and child.ts, which must not load the pool (it forks processes).
 */

/** An error as it crosses IPC. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  cause?: SerializedError;
  /** The child's error was an `UnrecoverableError` (or a subclass): never retried. */
  unrecoverable?: boolean;
}

/** One task as a child reports it: its name and its handler's declared parameter count. */
export interface TaskInfo {
  name: string;
  arity: number;
}

/** What a job needs in the child. `args` already carries kwargs as a final object, as inline. */
export interface RunRequest {
  jobId: string;
  queue: string;
  workerName: string;
  taskName: string;
  args: unknown[];
  meta: Record<string, unknown>;
  /** The job's timeout in ms (informational: the parent enforces it); null when there is none. */
  timeoutMs: number | null;
}

/** Parent → child. */
export type ParentMessage =
  | ({ type: "run"; runId: number } & RunRequest)
  | { type: "abort"; runId: number; reason: SerializedError }
  | { type: "save-meta-done"; requestId: number; error?: SerializedError };

/** Child → parent. */
export type ChildMessage =
  | { type: "ready"; pid: number; tasks: TaskInfo[] }
  | { type: "load-error"; error: SerializedError }
  | { type: "result"; runId: number; json?: string; unserializable?: boolean }
  | { type: "error"; runId: number; error: SerializedError }
  | { type: "save-meta"; runId: number; requestId: number; meta: Record<string, unknown>; progress?: { value: unknown } }
  | { type: "fatal"; error: SerializedError };

export function serializeError(error: Error, depth = 0): SerializedError {
  const out: SerializedError = { name: String(error.name), message: String(error.message) };
  if (typeof error.stack === "string") out.stack = error.stack;
  if (depth < 3 && error.cause instanceof Error) out.cause = serializeError(error.cause, depth + 1);
  return out;
}

/** Rebuilds an Error from IPC, keeping the child's name, message and stack. */
export function deserializeError(serialized: SerializedError): Error {
  const error = new Error(serialized.message, serialized.cause ? { cause: deserializeError(serialized.cause) } : undefined);
  error.name = serialized.name;
  error.stack = serialized.stack ?? `${serialized.name}: ${serialized.message}`;
  return error;
}
