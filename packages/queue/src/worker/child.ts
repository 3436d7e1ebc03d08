/**
 * Work-horse entry: a child process of the pool (`isolation: "process"`), started with
 * `fork(child.js, [tasksModuleUrl])`. It imports the task module ONCE, reports the tasks it found,
 * then runs one job at a time as the parent asks, for as long as the parent keeps it.
 *
 * - Tasks: every exported value that looks like a Task (`{ name: string, handler: function }`), also
 *   inside exported arrays and plain objects (one level deep), the default export included.
 * - A job runs inside `runWithJobContext`, so `currentJob()` works as inline. Its `saveMeta()` and
 *   `setProgress()` send `save-meta` to the parent, which writes Redis (the child never opens Redis)
 *   and answers; its `signal` aborts when the parent sends `abort`.
 * - The result crosses IPC as JSON text; an error as `{ name, message, stack }`.
 * - An uncaught exception is reported (`fatal`) before the process exits with code 1; the parent
 *   fails the running job and starts a replacement. When the IPC channel closes (the pool closes, or
 *   the parent died), the child exits. SIGINT and SIGTERM are ignored: the parent manages the child
 *   (as RQ's work horse ignores SIGINT), so a Ctrl-C reaching the whole process group does not kill
 *   jobs that a warm shutdown lets finish.
 */
import { runWithJobContext, type JobContext } from "../context.js";
import { RqtsError, UnrecoverableError, toError } from "../errors.js";
import { TaskRegistry, collectTasks } from "../tasks.js";
import { deserializeError, serializeError, type ChildMessage, type ParentMessage } from "./ipc.js";

type RunMessage = Extract<ParentMessage, { type: "run" }>;

function send(message: ChildMessage, then?: () => void): void {
  if (!process.send || !process.connected) {
    then?.();
    return;
  }
  try {
    process.send(message, undefined, undefined, () => then?.());
  } catch {
    then?.();
  }
}

function resultMessage(runId: number, value: unknown): ChildMessage {
  if (value === undefined || value === null) return { type: "result", runId };
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return json === undefined ? { type: "result", runId, unserializable: true } : { type: "result", runId, json };
}

let current: { runId: number; controller: AbortController } | undefined;
const pendingSaves = new Map<number, { resolve(): void; reject(error: Error): void }>();
let nextRequestId = 1;

async function run(registry: TaskRegistry, message: RunMessage): Promise<void> {
  const { runId } = message;
  if (current) {
    send({ type: "error", runId, error: serializeError(new RqtsError(`Work-horse ${process.pid} is busy with another job`)) });
    return;
  }
  const controller = new AbortController();
  current = { runId, controller };
  const meta = message.meta;
  const saveMeta = (progress?: { value: unknown }) =>
    new Promise<void>((resolve, reject) => {
      const requestId = nextRequestId++;
      pendingSaves.set(requestId, { resolve, reject });
      try {
        if (!process.send || !process.connected) throw new RqtsError("The work-horse lost its parent");
        process.send({ type: "save-meta", runId, requestId, meta, ...(progress ? { progress } : {}) } satisfies ChildMessage);
      } catch (error) {
        pendingSaves.delete(requestId);
        reject(toError(error));
      }
    });
  const context: JobContext = {
    id: message.jobId,
    queue: message.queue,
    workerName: message.workerName,
    meta,
    signal: controller.signal,
    saveMeta: () => saveMeta(),
    async setProgress(progress: unknown) {
      meta.progress = progress;
      await saveMeta({ value: progress });
    },
  };
  let reply: ChildMessage;
  try {
    const task = registry.resolve(message.taskName);
    const value = await runWithJobContext(context, () => task.handler(...message.args));
    reply = resultMessage(runId, value);
  } catch (thrown) {
    const error = toError(thrown);
    reply = { type: "error", runId, error: { ...serializeError(error), ...(error instanceof UnrecoverableError ? { unrecoverable: true } : {}) } };
  }
  current = undefined;
  send(reply);
}

function onMessage(registry: TaskRegistry, message: ParentMessage): void {
  switch (message.type) {
    case "run":
      void run(registry, message);
      return;
    case "abort":
      if (current?.runId === message.runId && !current.controller.signal.aborted) {
        current.controller.abort(deserializeError(message.reason));
      }
      return;
    case "save-meta-done": {
      const pending = pendingSaves.get(message.requestId);
      pendingSaves.delete(message.requestId);
      if (message.error) pending?.reject(deserializeError(message.error));
      else pending?.resolve();
      return;
    }
  }
}

async function main(): Promise<void> {
  const moduleUrl = process.argv[2];
  if (!process.send || !moduleUrl) {
    process.stderr.write("rqts work-horse: start me through the Worker's process pool (isolation: \"process\")\n");
    process.exit(2);
  }
  process.on("disconnect", () => process.exit(0));
  // The worker decides when a child ends (warm: after its job; cold: SIGKILL). A Ctrl-C in a terminal,
  // or a SIGTERM sent to the whole process group or cgroup, must not kill running jobs under a warm stop.
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", () => undefined);
  process.on("uncaughtException", (error) => {
    const serialized = serializeError(toError(error));
    process.stderr.write(`rqts work-horse ${process.pid}: uncaught exception: ${serialized.stack ?? serialized.message}\n`);
    setTimeout(() => process.exit(1), 1_000).unref();
    send({ type: "fatal", error: serialized }, () => process.exit(1));
  });

  let registry: TaskRegistry;
  try {
    const namespace = (await import(moduleUrl)) as Record<string, unknown>;
    registry = new TaskRegistry(collectTasks(namespace));
    if (registry.names.length === 0) {
      throw new RqtsError(`${moduleUrl} exports no tasks: export the objects made by defineTask (directly, or in an array or object)`);
    }
  } catch (thrown) {
    send({ type: "load-error", error: serializeError(toError(thrown)) }, () => process.exit(1));
    return;
  }
  process.on("message", (message: ParentMessage) => onMessage(registry, message));
  const tasks = registry.names.map((name) => ({ name, arity: registry.resolve(name).handler.length }));
  send({ type: "ready", pid: process.pid, tasks });
}

void main();
