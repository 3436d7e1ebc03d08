/**
 * Starts the app's two processes as a person would in two terminals — the worker (`worker.ts` under
 * tsx) and the built web app (`next start`) — and stops them again (SIGTERM: a worker's warm shutdown). `npm run demo` and the browser
 * test use it. Each child is started as `node …` directly, so its pid is the process itself (an `npx`
 * or `npm run` wrapper would leave the real server behind when killed).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The app's folder (where package.json, worker.ts and .next live). */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

/** A started child process. */
export interface AppProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`) and resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartOptions {
  /** The environment of the child (REDIS_URL, LONG_TASKS_*…), on top of this process's. */
  env: Record<string, string | undefined>;
  /** Receives each line the child prints. @defaultValue dropped */
  onLine?: (line: string) => void;
  /** How long to wait until it is ready. @defaultValue 60 s */
  readyTimeoutMs?: number;
}

/** Starts the worker and resolves once it listens for jobs. */
export async function startWorker(options: StartOptions): Promise<AppProcess> {
  const child = launch("worker", [process.execPath, "--import", "tsx", "worker.ts"], options);
  await child.waitFor((output) => /Worker \S+ started on/.test(output), options.readyTimeoutMs);
  return child;
}

/** Starts the built web app on 127.0.0.1:`port` and resolves once it answers. */
export async function startWeb(port: number, options: StartOptions): Promise<AppProcess> {
  if (!existsSync(join(APP_DIR, ".next", "BUILD_ID"))) {
    throw new Error("The web app is not built: run `npx turbo run build --filter=@rqts/long-tasks` first");
  }
  const next = createRequire(join(APP_DIR, "package.json")).resolve("next/dist/bin/next");
  const env = { ...options.env, NEXT_TELEMETRY_DISABLED: "1" };
  const child = launch("web", [process.execPath, next, "start", "-H", "127.0.0.1", "-p", String(port)], { ...options, env });
  await child.waitFor((output) => /Ready in|started server on/i.test(output), options.readyTimeoutMs);
  return child;
}

interface LaunchedProcess extends AppProcess {
  waitFor(test: (output: string) => boolean, timeoutMs?: number): Promise<void>;
}

function launch(name: string, [command, ...args]: string[], options: StartOptions): LaunchedProcess {
  // A process group of its own: a Ctrl-C meant for the caller does not reach it directly, so it gets
  // exactly one signal, from stop() (a worker takes a second one as "stop at once").
  const child: ChildProcess = spawn(command!, args, {
    cwd: APP_DIR,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  let partial = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    const lines = (partial + text).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) options.onLine?.(line);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name); // the whole group: anything the child started goes too
    } catch {
      // already gone
    }
  };
  // However this process ends, never leave a child behind (process.kill is synchronous).
  const killOnExit = () => signal("SIGKILL");
  process.once("exit", killOnExit);

  return {
    name,
    pid: child.pid ?? 0,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (running()) {
        signal("SIGTERM"); // a worker's warm shutdown: it finishes its running jobs
        const timer = setTimeout(() => signal("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      process.off("exit", killOnExit);
    },
    waitFor(test, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => {
          clearTimeout(timer);
          clearInterval(poll);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(() => done(new Error(`${name} was not ready within ${timeoutMs} ms. Output:\n${output}`)), timeoutMs);
        const poll = setInterval(() => {
          if (test(output)) done();
          else if (!running()) done(new Error(`${name} exited (code ${child.exitCode}) before it was ready. Output:\n${output}`));
        }, 50);
      });
    },
  };
}
