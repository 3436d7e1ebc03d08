/**
 * Tasks: named functions. The name is what Redis stores (RQ's `func_name`), never code, so a worker
 * only ever runs functions it was given in its `tasks` option.
 */
import { InvalidArgumentError, UnknownTaskError } from "./errors.js";

/** A task handler: positional JSON arguments in, a JSON-serialisable result (or a promise of one) out. */
export type TaskHandler<Args extends unknown[] = any[], Result = unknown> = (...args: Args) => Result | Promise<Result>;

/** A named task, made by `defineTask`. */
export interface Task<Args extends unknown[] = any[], Result = unknown> {
  readonly name: string;
  readonly handler: TaskHandler<Args, Result>;
}

/** Task names are dotted identifiers, like Python's `module.function` (`wordcount.count`, `emails.send-welcome`). */
const TASK_NAME = /^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$/;

/**
 * Defines a task. Enqueue it with `queue.enqueue(task, args)`; run it by passing it to a worker's `tasks`.
 * A Python producer enqueues it by name: `q.enqueue("wordcount.count", url)`.
 */
export function defineTask<Args extends unknown[], Result>(name: string, handler: TaskHandler<Args, Result>): Task<Args, Awaited<Result>> {
  if (!TASK_NAME.test(name)) {
    throw new InvalidArgumentError(`Task name "${name}" is invalid: use dotted identifiers such as "emails.send" or "wordcount.count"`);
  }
  if (typeof handler !== "function") {
    throw new InvalidArgumentError(`defineTask("${name}", handler): handler must be a function, got ${typeof handler}`);
  }
  return Object.freeze({ name, handler: handler as TaskHandler<Args, Awaited<Result>> });
}

/** The tasks a worker may run, looked up by name. */
export class TaskRegistry {
  private readonly byName = new Map<string, Task>();

  constructor(tasks: Iterable<Task>) {
    for (const task of tasks) {
      if (!task || typeof task.name !== "string" || typeof task.handler !== "function") {
        throw new InvalidArgumentError("Every entry of `tasks` must be made by defineTask(name, handler)");
      }
      const existing = this.byName.get(task.name);
      if (existing && existing.handler !== task.handler) {
        throw new InvalidArgumentError(`Two different tasks are named "${task.name}": task names must be unique`);
      }
      this.byName.set(task.name, task);
    }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The task with this name, or `UnknownTaskError` naming the registered ones. */
  resolve(name: string): Task {
    const task = this.byName.get(name);
    if (!task) throw new UnknownTaskError(name, this.names);
    return task;
  }
}

function looksLikeTask(value: unknown): value is Task {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { name?: unknown }).name === "string" &&
    typeof (value as { handler?: unknown }).handler === "function"
  );
}

/**
 * Tasks among a module's exports: direct, or inside exported arrays and plain objects (one level deep),
 * the default export included. Used wherever a task module is loaded by path (process isolation's
 * work-horses, `rqts worker --tasks`).
 */
export function collectTasks(namespace: Record<string, unknown>): Task[] {
  const found = new Set<Task>();
  for (const value of Object.values(namespace)) {
    if (looksLikeTask(value)) found.add(value);
    else if (Array.isArray(value)) for (const item of value) looksLikeTask(item) && found.add(item);
    else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) looksLikeTask(item) && found.add(item);
  }
  return [...found];
}
