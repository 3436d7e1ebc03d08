/**
 * The tasks the app knows, by name, and the task types its buttons enqueue. The web app enqueues by
 * these names; only the worker loads the task code (tasks/), so the web bundle never carries it.
 */
import { InvalidInputError } from "./errors";

/** The registered task names: what Redis stores in each job (never code). */
export const TASK_NAMES = {
  /** `(type: "short" | "medium" | "long")` → `true`, after 10/20/30 steps of `LONG_TASKS_UNIT_MS`. */
  sleep: "long-tasks.sleep",
  /** `(url: string)` → the id of the saved word count (a pointer, as in the realpython app). */
  countWords: "long-tasks.count-words",
  /** `()` → fails on purpose after one step, to show a failure. */
  fail: "long-tasks.fail",
} as const;

/** How many steps of `LONG_TASKS_UNIT_MS` each button's task sleeps: the original's `task_type * 10`. */
export const SLEEP_STEPS = { short: 10, medium: 20, long: 30 } as const;

export type SleepType = keyof typeof SLEEP_STEPS;

/** What a button enqueues: a task that sleeps, or the one that fails. */
export type TaskType = SleepType | "fail";

// The original's buttons posted type=1, 2 or 3; the names say the same thing more clearly.
const ALIASES: Readonly<Record<string, TaskType>> = { 1: "short", 2: "medium", 3: "long" };
const TASK_TYPES: readonly TaskType[] = ["short", "medium", "long", "fail"];

/** Reads the `type` field of POST /tasks; throws `InvalidInputError` listing what is accepted. */
export function parseTaskType(input: unknown): TaskType {
  const text = typeof input === "string" ? input.trim().toLowerCase() : undefined;
  const type = text === undefined ? undefined : (ALIASES[text] ?? TASK_TYPES.find((t) => t === text));
  if (!type) {
    const shown = typeof input === "string" ? `"${input.slice(0, 40)}"` : "nothing";
    throw new InvalidInputError("type", `type must be short, medium, long or fail (or the original's 1, 2, 3); got ${shown}`);
  }
  return type;
}

/** True for a type whose task sleeps (not "fail"). */
export function isSleepType(type: string): type is SleepType {
  return Object.hasOwn(SLEEP_STEPS, type);
}
