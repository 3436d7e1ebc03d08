/**
 * Loads the task module of `rqts worker --tasks <module>`: a path (relative to the current folder) or
 * a file: URL of an ES module whose exports include tasks made by `defineTask` — directly, or inside
 * exported arrays and objects, found as the process-isolation work-horses find them.
 *
 * Built JavaScript is imported as is. A TypeScript module (`.ts`, `.mts`, `.cts`, `.tsx`) needs tsx:
 * its loader is registered in this process first, which is what `node --import tsx` does at start-up
 * — without a second process between the user's signals and the worker.
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { collectTasks, type Task } from "../tasks.js";
import { resolveTsx } from "../worker/process-executor.js";
import { TaskModuleError, UsageError } from "./errors.js";

const TYPESCRIPT = /\.[cm]?tsx?$/;

export interface LoadedTaskModule {
  /** Absolute path of the module. */
  path: string;
  tasks: Task[];
}

/** The absolute path of `--tasks`, or `UsageError` when it names no file. */
export function taskModulePath(spec: string, cwd = process.cwd()): string {
  let path: string;
  try {
    path = spec.startsWith("file:") ? fileURLToPath(spec) : resolve(cwd, spec);
  } catch {
    throw new UsageError(`--tasks "${spec}" is not a valid file: URL`);
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new UsageError(`--tasks ${spec}: no such file (looked for ${path}). Pass the path of the module that exports your tasks.`);
  }
  return path;
}

let tsxLoaded = false;

async function registerTsx(path: string): Promise<void> {
  if (tsxLoaded) return;
  let loader: string;
  try {
    loader = resolveTsx(path);
  } catch {
    throw new TaskModuleError(
      `--tasks ${path} is TypeScript, which rqts loads with tsx, but tsx is not installed next to it or next to @rqts/queue. ` +
        `Install it (npm install --save-dev tsx), or point --tasks at the compiled JavaScript.`,
    );
  }
  await import(loader);
  tsxLoaded = true;
}

/** The first lines of an error's stack (or its message), for a load failure. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 5);
  return [`${error.name}: ${error.message}`, ...frames].join("\n");
}

/** Imports the module and collects its tasks; throws `TaskModuleError` saying what went wrong. */
export async function loadTaskModule(spec: string, cwd = process.cwd()): Promise<LoadedTaskModule> {
  const path = taskModulePath(spec, cwd);
  if (TYPESCRIPT.test(path)) await registerTsx(path);
  let namespace: Record<string, unknown>;
  try {
    namespace = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (error) {
    throw new TaskModuleError(`Could not load the task module ${path}:\n${describe(error)}`);
  }
  const tasks = collectTasks(namespace);
  if (tasks.length === 0) {
    throw new TaskModuleError(
      `The task module ${path} exports no tasks: export the objects made by defineTask (directly, or in an exported array or object).`,
    );
  }
  return { path, tasks };
}
