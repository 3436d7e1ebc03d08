/**
 * Every task of the long-tasks app, built from the settings the worker read from its environment.
 */
import type { Task } from "@rqts/queue";
import { countWordsTask, type CountWordsSettings } from "./count-words";
import { failTask } from "./fail";
import { sleepTask } from "./sleep";

export interface TaskSettings extends CountWordsSettings {
  /** One step of the sleeping and failing tasks, in milliseconds. */
  unitMs: number;
}

/** The tasks a long-tasks worker runs. */
export function createTasks(settings: TaskSettings): Task[] {
  return [sleepTask(settings.unitMs), failTask(settings.unitMs), countWordsTask(settings)];
}
