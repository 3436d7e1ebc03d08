/**
 * An example app's processes, started as a person would in separate terminals — a worker script under
 * tsx, the built Next.js web app (`next start`) — and stopped again by their own pid. Demos and browser
 * tests use it. Each child runs `node …` directly, so its pid is the process itself: an `npx` or
 * `npm run` wrapper would leave the real server behind when killed.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/** A started child process. */
export interface AppProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL after `graceMs`, default 10 s) and resolves once it has exited. */
  stop(graceMs?: number): Promise<void>;
}

/** How to start one app process. */
export interface AppProcessOptions {
  /** The app's folder: the working directory of the child. */
  appDir: string;
  /** The child's environment, on top of this process's. */
  env: Record<string, string | undefined>;
  /** Receives each line the child prints. @defaultValue dropped */
  onLine?: (line: string) => void;
  /** How long to wait until it is ready. @defaultValue 60 s */
  readyTimeoutMs?: number;
}

/**
 * Runs `script` (a TypeScript file in `appDir`) under tsx and resolves once its output matches `ready`
 * (for an rqts worker: `/Worker \S+ started on/`).
 */
export async function startTsxScript(name: string, script: string, ready: RegExp, options: AppProcessOptions): Promise<AppProcess> {
  const child = launch(name, [process.execPath, "--import", "tsx", script], options);
  await child.waitFor(ready, options.readyTimeoutMs);
  return child;
}

/** Starts the app's production build (`next start`) on 127.0.0.1:`port` and resolves once it answers. */
export async function startNextServer(port: number, options: AppProcessOptions): Promise<AppProcess> {
  if (!existsSync(join(options.appDir, ".next", "BUILD_ID"))) {
    throw new Error(`The web app in ${options.appDir} is not built: run \`npx next build\` there (or \`npx turbo run build\`) first`);
  }
  const next = createRequire(join(options.appDir, "package.json")).resolve("next/dist/bin/next");
  const env = { ...options.env, NEXT_TELEMETRY_DISABLED: "1" };
  const child = launch("web", [process.execPath, next, "start", "-H", "127.0.0.1", "-p", String(port)], { ...options, env });
  await child.waitFor(/Ready in|started server on/i, options.readyTimeoutMs);
  return child;
}

interface LaunchedProcess extends AppProcess {
  waitFor(ready: RegExp, timeoutMs?: number): Promise<void>;
}

function launch(name: string, [command, ...args]: string[], options: AppProcessOptions): LaunchedProcess {
  // Its own process group: a Ctrl-C meant for the caller does not reach it directly, so it gets exactly
  // one signal, from stop() (an rqts worker takes a second one as "stop at once").
  const child = spawn(command!, args, { cwd: options.appDir, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  let partialLine = "";
  const collect = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    const lines = (partialLine + text).split("\n");
    partialLine = lines.pop() ?? "";
    for (const line of lines) options.onLine?.(line);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal); // the whole group: whatever the child started goes too
    } catch {
      // already gone
    }
  };
  // However this process ends, never leave a child behind (process.kill is synchronous).
  const killOnExit = () => signalGroup("SIGKILL");
  process.once("exit", killOnExit);

  return {
    name,
    pid: child.pid ?? 0,
    output: () => output,
    async stop(graceMs = 10_000) {
      if (running()) {
        signalGroup("SIGTERM");
        const timer = setTimeout(() => signalGroup("SIGKILL"), graceMs);
        await exited;
        clearTimeout(timer);
      }
      process.off("exit", killOnExit);
    },
    waitFor(ready, timeoutMs = 60_000) {
      return new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearTimeout(timer);
          clearInterval(poll);
          if (error) reject(error);
          else resolve();
        };
        const timer = setTimeout(() => finish(new Error(`${name} was not ready within ${timeoutMs} ms. Output:\n${output}`)), timeoutMs);
        const poll = setInterval(() => {
          if (ready.test(output)) finish();
          else if (!running()) finish(new Error(`${name} exited (code ${child.exitCode}) before it was ready. Output:\n${output}`));
        }, 50);
      });
    },
  };
}
