/**
 * What an exercise's checks are made of: requirements, each a titled async check that throws a
 * `NotDoneYet` saying what is missing, and the context they run in (a throwaway Redis).
 */
import type { Redis } from "ioredis";
import { Worker, type Task } from "@rqts/queue";

/** What every requirement gets: a connection to the checker's private Redis (flushed before each one). */
export interface CheckContext {
  connection: Redis;
}

/** One thing the learner's code must do. `check` resolves when it does, and throws when it does not. */
export interface Requirement<Module> {
  title: string;
  check(module: Module, context: CheckContext): Promise<void>;
}

/** An exercise's checks: the module they load (`tasks.ts`, in the exercise or its solution) and its requirements. */
export interface ExerciseChecks<Module> {
  requirements: ReadonlyArray<Requirement<Module>>;
}

/** A requirement not met: its message is shown to the learner as the reason, so it says what to change. */
export class NotDoneYet extends Error {
  override name = "NotDoneYet";
}

/** Throws `NotDoneYet(hint)` unless `condition` holds. */
export function expectThat(condition: boolean, hint: string): asserts condition {
  if (!condition) throw new NotDoneYet(hint);
}

/** Throws `NotDoneYet` unless `value` is a task made by `defineTask` with the expected name. */
export function expectTask(value: unknown, exportName: string, taskName: string): asserts value is Task {
  const task = value as Partial<Task> | undefined;
  expectThat(typeof task?.handler === "function", `export a task named ${exportName}, made with defineTask`);
  expectThat(task.name === taskName, `${exportName} must be named "${taskName}" (it is "${String(task.name)}")`);
}

/**
 * Runs `during` while a worker (with a scheduler, so retries with a backoff come back) takes jobs from
 * `queue` with the given tasks; then stops it warm. Quiet: the learner sees only the checks.
 */
export async function withWorker<T>(context: CheckContext, queue: string, tasks: Task[], during: () => Promise<T>): Promise<T> {
  const worker = new Worker(queue, { connection: context.connection, tasks, logger: false, withScheduler: true, schedulerInterval: 100 });
  const running = worker.run();
  try {
    return await during();
  } finally {
    worker.stop();
    await running;
  }
}
