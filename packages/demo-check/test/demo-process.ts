/**
 * The all-in-one demo (`node scripts/demo.mjs`) as a child process of a test: started in a process
 * group of its own with a private Redis and no build, read until it prints its landing page's URL, and
 * interrupted as a terminal's Ctrl-C would (SIGINT to the demo's process). Also lists the processes it
 * started, so a test can check that none is left afterwards.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root folder (scripts/, apps/). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export interface RunningDemo {
  readonly pid: number;
  readonly landingUrl: string;
  /** Everything it printed so far. */
  output(): string;
  /** Sends SIGINT (Ctrl-C) and resolves the exit code once the demo's own process has exited. */
  interrupt(timeoutMs?: number): Promise<number | null>;
  /** SIGKILL to the demo's group and every group it started (clean-up after a failed test). */
  kill(): void;
}

/** Starts the demo with `args` (e.g. `[]` or `["apps"]`) and resolves once its landing page listens. */
export async function startDemo(args: string[], readyTimeoutMs = 60_000): Promise<RunningDemo> {
  const env: NodeJS.ProcessEnv = { ...process.env, RQTS_DEMO_SKIP_LOCAL: "1", NO_COLOR: "1", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.REDIS_URL; // a private redis-server, never the machine's own
  const child: ChildProcess = spawn(process.execPath, ["scripts/demo.mjs", ...args, "--no-build", "--port", "0"], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const pid = child.pid!;
  const kill = () => {
    for (const group of new Set([pid, ...descendants(pid).map(processGroupOf)])) {
      try {
        process.kill(-group, "SIGKILL");
      } catch {
        // gone already
      }
    }
  };
  const deadline = Date.now() + readyTimeoutMs;
  let landingUrl: string | undefined;
  while (!(landingUrl = /the landing page, with every app and its status: (http:\/\/\S+)/.exec(output)?.[1])) {
    if (child.exitCode !== null) throw new Error(`the demo exited (code ${child.exitCode}) before its landing page listened:\n${output}`);
    if (Date.now() > deadline) {
      kill();
      throw new Error(`the demo printed no landing page URL within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    pid,
    landingUrl,
    output: () => output,
    async interrupt(timeoutMs = 40_000) {
      process.kill(pid, "SIGINT");
      const timeout = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
      const code = await Promise.race([exited, timeout]);
      if (code === "timeout") throw new Error(`the demo did not exit within ${timeoutMs} ms of Ctrl-C:\n${output.slice(-3000)}`);
      return code;
    },
    kill,
  };
}

/** Every process below `pid` (children, their children…), from `ps`. */
export function descendants(pid: number): number[] {
  const table = execFileSync("ps", ["-e", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const [child, ppid] of table) {
      if (ppid === parent) {
        found.push(child);
        visit(child);
      }
    }
  };
  visit(pid);
  return found;
}

/** Whether a process with this pid still exists (a zombie counts as gone). */
export function isAlive(pid: number): boolean {
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !state.startsWith("Z");
  } catch {
    return false; // ps exits 1 when there is no such process
  }
}

/** "pid command…" of a process, for a failure message. */
export function describeProcess(pid: number): string {
  try {
    return `${pid} ${execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim()}`;
  } catch {
    return `${pid} (gone)`;
  }
}

function processGroupOf(pid: number): number {
  try {
    return Number(execFileSync("ps", ["-o", "pgid=", "-p", String(pid)], { encoding: "utf8" }).trim()) || pid;
  } catch {
    return pid;
  }
}
