/**
 * The terminals of a tutorial: commands run by bash (`-e -o pipefail`), each in a process group of its
 * own so that a time limit or a Ctrl-C reaches every process it started (npm → sh → node …), and none
 * outlives the tutorial.
 */
import { spawn, type ChildProcess } from "node:child_process";

export interface ShellOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface CommandResult {
  /** The exit code, or null when a signal ended it. */
  exitCode: number | null;
  output: string;
  timedOut: boolean;
  durationMs: number;
}

// Every group started and not yet reaped: killed if the runner itself exits early.
const liveGroups = new Set<number>();
process.on("exit", () => {
  for (const pid of liveGroups) signalGroup(pid, "SIGKILL");
});

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

function startShell(script: string, options: ShellOptions, onOutput: (text: string) => void): { child: ChildProcess; exited: Promise<number | null> } {
  const child = spawn("bash", ["-e", "-o", "pipefail", "-c", script], { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const pid = child.pid!;
  liveGroups.add(pid);
  child.stdout!.on("data", (chunk: Buffer) => onOutput(chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => onOutput(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once("close", (code) => {
      // The shell is done; anything it left running in its group (a server started with &) goes too.
      signalGroup(pid, "SIGKILL");
      liveGroups.delete(pid);
      resolve(code);
    });
  });
  return { child, exited };
}

/** Runs a command to its end, or kills its group after `timeoutMs`. */
export async function runCommand(script: string, options: ShellOptions & { timeoutMs: number }): Promise<CommandResult> {
  const started = Date.now();
  let output = "";
  const { child, exited } = startShell(script, options, (text) => (output += text));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    signalGroup(child.pid!, "SIGKILL");
  }, options.timeoutMs);
  const exitCode = await exited;
  clearTimeout(timer);
  return { exitCode, output, timedOut, durationMs: Date.now() - started };
}

/** A command left running, as in a terminal of its own. */
export class BackgroundCommand {
  private text = "";
  private readonly child: ChildProcess;
  private readonly exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  constructor(
    readonly name: string,
    readonly script: string,
    options: ShellOptions,
  ) {
    ({ child: this.child, exited: this.exited } = startShell(script, options, (text) => (this.text += text)));
    void this.exited.then((code) => (this.exitCode = code));
  }

  /** Everything printed so far. */
  output(): string {
    return this.text;
  }

  /** Whether it has exited, and with which code (null: a signal). */
  get ended(): { exitCode: number | null } | undefined {
    return this.exitCode === undefined ? undefined : { exitCode: this.exitCode };
  }

  /**
   * Presses Ctrl-C: SIGINT to its group, then SIGKILL if it has not exited after `graceMs`. Resolves
   * whether it had to be killed.
   */
  async stop(graceMs = 10_000): Promise<{ killed: boolean }> {
    if (this.ended) return { killed: false };
    signalGroup(this.child.pid!, "SIGINT");
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      signalGroup(this.child.pid!, "SIGKILL");
    }, graceMs);
    await this.exited;
    clearTimeout(timer);
    return { killed };
  }
}
