/**
 * Runs one tutorial as a learner would: in a fresh copy of the repository, with a throwaway Redis
 * (REDIS_URL), every `run` block typed into a terminal — background ones into terminals of their own —
 * and every checkpoint compared with what those terminals show. Stops at the first step that fails,
 * then stops every process it started, the Redis, and deletes the copy.
 */
import { join } from "node:path";
import { startRedis, freePort, type RedisServer } from "@rqts/testing";
import { checkIncludes } from "./includes.js";
import { lintTutorial } from "./lint.js";
import { matchCheckpoint, substitute, type Substitutions } from "./expectations.js";
import type { Directive, Step, Tutorial } from "./markdown.js";
import { BackgroundCommand, runCommand, type CommandResult } from "./shell.js";
import { createFreshCopy, type FreshCopy } from "./workspace.js";

export interface RunTutorialOptions {
  repoRoot: string;
  /** Progress lines. */
  log: (line: string) => void;
  /** Keep the copy afterwards (its path is logged). @defaultValue false */
  keep?: boolean;
  /** Limit of a command without `timeout=`. @defaultValue 120 s */
  commandTimeoutMs?: number;
  /** Wait of a checkpoint on a background process without `timeout=`. @defaultValue 60 s */
  checkpointTimeoutMs?: number;
  /** Makes the folder the commands run in. @defaultValue a fresh copy of `repoRoot` (workspace.ts) */
  prepare?: (repoRoot: string, label: string) => FreshCopy;
}

export interface TutorialReport {
  slug: string;
  ok: boolean;
  /** What failed, with the output that shows why; empty when ok. */
  failure: string;
  durationMs: number;
}

/** Thrown by a step that fails; carries the explanation the report shows. */
class StepFailure extends Error {}

const OUTPUT_TAIL_LINES = 40;

export async function runTutorial(tutorial: Tutorial, options: RunTutorialOptions): Promise<TutorialReport> {
  const started = Date.now();
  const report = (failure: string) => ({ slug: tutorial.slug, ok: failure === "", failure, durationMs: Date.now() - started });
  const problems = [...lintTutorial(tutorial), ...checkIncludes(options.repoRoot, tutorial).map((m) => `${m.line}: ${m.problem}`)];
  if (problems.length) return report(problems.map((problem) => `${tutorial.path}:${problem}`).join("\n"));

  let copy: FreshCopy | undefined;
  let redis: RedisServer | undefined;
  const session = new Session(tutorial, options);
  try {
    copy = (options.prepare ?? createFreshCopy)(options.repoRoot, tutorial.slug);
    redis = await startRedis();
    options.log(`  fresh copy in ${copy.root}, Redis at ${redis.url}`);
    await session.run(copy.root, learnerEnvironment(redis.url, options.repoRoot));
    return report("");
  } catch (error) {
    return report(error instanceof StepFailure ? error.message : `${tutorial.path}: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await session.stopAll();
    await redis?.stop();
    if (copy && options.keep) options.log(`  kept the copy: ${copy.root}`);
    else copy?.remove();
  }
}

/**
 * The environment of a learner's terminal: this one's, minus what npm, turbo and vitest add for the
 * runner itself (their variables, node_modules/.bin on PATH), plus a throwaway Redis and no colours.
 * Turbo's local cache is the checkout's: a build step whose inputs the checkout built already (as CI's
 * `npm test` does first) is restored from the cache instead of redone — same files, same outputs, and
 * minutes less per tutorial. `RQTS_TUTORIAL_FRESH_BUILDS=1` builds everything again, as on a new clone.
 */
function learnerEnvironment(redisUrl: string, repoRoot: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|TURBO_|VITEST|INIT_CWD$|NODE_OPTIONS$)/.test(name)) continue;
    env[name] = value;
  }
  env.PATH = (process.env.PATH ?? "").split(":").filter((dir) => !dir.includes("/node_modules/.bin")).join(":");
  if (process.env.RQTS_TUTORIAL_FRESH_BUILDS !== "1") env.TURBO_CACHE_DIR = join(repoRoot, ".turbo", "cache");
  return { ...env, REDIS_URL: redisUrl, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0", NEXT_TELEMETRY_DISABLED: "1", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" };
}

/** The state of one run: background terminals, the last command's output, the values seen so far. */
class Session {
  private readonly backgrounds = new Map<string, BackgroundCommand>();
  private readonly substitutions: Substitutions = new Map();
  private last: CommandResult | undefined;
  private cwd = "";
  private env: NodeJS.ProcessEnv = {};

  constructor(
    private readonly tutorial: Tutorial,
    private readonly options: RunTutorialOptions,
  ) {}

  async run(cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
    this.cwd = cwd;
    this.env = env;
    const steps = this.tutorial.steps;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i]!;
      const { directive } = step;
      if (directive.kind === "skip") this.options.log(`  line ${step.line}: skipped (${directive.reason})`);
      else if (directive.kind === "stop") await this.stop(step, directive.name);
      else if (directive.kind === "expect") await this.expect(step, directive);
      else if (directive.kind === "run" && directive.background) await this.startBackground(step, directive);
      else if (directive.kind === "run" && directive.retryMs) await this.runUntil(step, directive, steps[++i]!);
      else if (directive.kind === "run") await this.runOnce(step, directive);
    }
  }

  private async command(step: Step, directive: Extract<Directive, { kind: "run" }>): Promise<string> {
    for (const port of directive.ports) {
      if (!this.substitutions.has(port)) this.substitutions.set(port, String(await freePort()));
    }
    return substitute(step.block!.content, this.substitutions);
  }

  private async runOnce(step: Step, directive: Extract<Directive, { kind: "run" }>): Promise<CommandResult> {
    const script = await this.command(step, directive);
    const timeoutMs = directive.timeoutMs ?? this.options.commandTimeoutMs ?? 120_000;
    const result = await runCommand(script, { cwd: this.cwd, env: this.env, timeoutMs });
    this.last = result;
    this.options.log(`  line ${step.line}: ran ${firstLine(script)} (${(result.durationMs / 1000).toFixed(1)} s)`);
    if (result.timedOut) this.fail(step, `did not finish within ${timeoutMs / 1000} s: ${script}`, result.output);
    if (directive.exit !== "any" && result.exitCode !== directive.exit) {
      this.fail(step, `exited with ${result.exitCode ?? "a signal"}, not ${directive.exit}: ${script}`, result.output);
    }
    return result;
  }

  /** Runs the command again, once a second, until the checkpoint after it matches (a learner retrying). */
  private async runUntil(step: Step, directive: Extract<Directive, { kind: "run" }>, checkpoint: Step): Promise<void> {
    const expect = checkpoint.directive as Extract<Directive, { kind: "expect" }>;
    const deadline = Date.now() + directive.retryMs!;
    for (;;) {
      const result = await this.runOnce(step, directive);
      if (this.tryCheckpoint(checkpoint, expect, result.output)) return;
      if (Date.now() > deadline) this.checkpointFailed(checkpoint, expect, result.output, `still after ${directive.retryMs! / 1000} s of retries`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  private async startBackground(step: Step, directive: Extract<Directive, { kind: "run" }>): Promise<void> {
    const script = await this.command(step, directive);
    this.backgrounds.set(directive.background!, new BackgroundCommand(directive.background!, script, { cwd: this.cwd, env: this.env }));
    this.options.log(`  line ${step.line}: started "${directive.background}": ${firstLine(script)}`);
  }

  private async stop(step: Step, name: string): Promise<void> {
    const background = this.backgrounds.get(name)!;
    const { killed } = await background.stop();
    this.options.log(`  line ${step.line}: stopped "${name}" with Ctrl-C${killed ? " (it had to be killed)" : ""}`);
    if (killed) this.fail(step, `"${name}" did not exit within 10 s of Ctrl-C`, background.output());
  }

  private async expect(step: Step, directive: Extract<Directive, { kind: "expect" }>): Promise<void> {
    if (!directive.from) {
      if (!this.last) this.fail(step, "a checkpoint without from= checks the previous command, and none ran yet", "");
      if (!this.tryCheckpoint(step, directive, this.last!.output)) this.checkpointFailed(step, directive, this.last!.output, "");
      return;
    }
    const background = this.backgrounds.get(directive.from)!;
    const timeoutMs = directive.timeoutMs ?? this.options.checkpointTimeoutMs ?? 60_000;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.tryCheckpoint(step, directive, background.output())) return;
      const ended = background.ended;
      if (ended) this.checkpointFailed(step, directive, background.output(), `"${directive.from}" exited (code ${ended.exitCode ?? "signal"})`);
      if (Date.now() > deadline) this.checkpointFailed(step, directive, background.output(), `not within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  private tryCheckpoint(step: Step, directive: Extract<Directive, { kind: "expect" }>, output: string): boolean {
    const expected = substitute(step.block!.content, this.substitutions);
    const result = matchCheckpoint(expected, output, directive.vary.filter((token) => !this.substitutions.has(token)));
    if (!result.ok) return false;
    for (const [token, value] of result.captured) this.substitutions.set(token, value);
    const seen = [...result.captured].map(([token, value]) => `${token} → ${value}`).join(", ");
    this.options.log(`  line ${step.line}: checkpoint seen${directive.from ? ` in "${directive.from}"` : ""}${seen ? ` (${seen})` : ""}`);
    return true;
  }

  private checkpointFailed(step: Step, directive: Extract<Directive, { kind: "expect" }>, output: string, when: string): never {
    const expected = substitute(step.block!.content, this.substitutions);
    const result = matchCheckpoint(expected, output, directive.vary);
    const missing = result.ok ? "" : `\n  the first line not seen: ${result.missing}`;
    return this.fail(step, `checkpoint not met${when ? ` (${when})` : ""}${missing}`, output);
  }

  private fail(step: Step, message: string, output: string): never {
    const tail = output.trimEnd().split("\n").slice(-OUTPUT_TAIL_LINES).map((line) => `    | ${line}`).join("\n");
    throw new StepFailure(`${this.tutorial.path}:${step.line}: ${message}${tail ? `\n  output (last ${OUTPUT_TAIL_LINES} lines):\n${tail}` : ""}`);
  }

  /** Ctrl-C in every terminal still open (the tutorial's own stop steps did the rest). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.backgrounds.values()].map((background) => background.stop()));
  }
}

function firstLine(script: string): string {
  const line = script.trim().split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}
