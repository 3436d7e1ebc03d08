#!/usr/bin/env node
/**
 * rqts: the command line of @rqts/queue. Picks the subcommand, parses its arguments, connects to Redis
 * only when the command runs (failing fast, with a message saying what to fix), and exits with
 * 0 (done), 1 (the operation failed) or 2 (the command line was wrong). Every Redis read and write
 * goes through the library (the inspector, Queue, Worker): no key is named here.
 */
import type { Redis } from "ioredis";
import { RqtsError } from "../errors.js";
import { VERSION } from "../version.js";
import { helpText, parseCommandLine, stringOption, type Command } from "./command.js";
import { commands } from "./commands.js";
import { connect, redisTarget } from "./connection.js";
import { EXIT, UsageError, exitCodeOf } from "./errors.js";
import { safe } from "./format.js";
import { Output } from "./output.js";

function overview(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    `rqts ${VERSION} — background jobs on Redis, in Python RQ's layout`,
    "",
    "Usage: rqts <command> [arguments] [options]",
    "",
    "Commands:",
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    "",
    "Every command takes --url <url> (default: $REDIS_URL, else redis://127.0.0.1:6379) and --help.",
    'Run "rqts <command> --help" for its options and an example.',
    "Exit codes: 0 done, 1 the operation failed, 2 the command line was wrong.",
    "",
  ].join("\n");
}

/** Edit distance, to suggest the command that was probably meant. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function findCommand(name: string): Command {
  const command = commands.find((candidate) => candidate.name === name);
  if (command) return command;
  const closest = commands.map((candidate) => ({ name: candidate.name, d: distance(name, candidate.name) })).sort((a, b) => a.d - b.d)[0];
  const hint = closest && closest.d <= 2 ? ` Did you mean "${closest.name}"?` : "";
  throw new UsageError(`Unknown command "${name}".${hint} Run "rqts --help" for the list.`);
}

async function runCommand(command: Command, args: string[], output: Output): Promise<number> {
  const { positionals, values } = parseCommandLine(command, args);
  if (values.help) {
    output.print(helpText(command));
    return EXIT.ok;
  }
  const target = redisTarget(stringOption(values, "url"));
  let connection: Redis | undefined;
  try {
    return await command.run({
      positionals,
      values,
      output,
      target,
      redis: async (options) => (connection ??= await connect(target, options)),
    });
  } finally {
    connection?.disconnect();
  }
}

async function main(argv: string[], output: Output): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    output.print(VERSION);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h") {
    output.print(overview());
    return EXIT.ok;
  }
  if (first === undefined) {
    output.warn(overview());
    return EXIT.usage;
  }
  if (first === "help") {
    if (rest[0] === undefined) output.print(overview());
    else output.print(helpText(findCommand(rest[0])));
    return EXIT.ok;
  }
  return runCommand(findCommand(first), rest, output);
}

// The reader went away (`rqts info --json | head -1`): a command that handles SIGTERM (a worker, a
// redrawing info) stops as it would on SIGTERM, warm; any other one has nothing left to say.
let readerGone = false;
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE" || readerGone) return;
  readerGone = true;
  if (process.listenerCount("SIGTERM") > 0) process.kill(process.pid, "SIGTERM");
  else process.exit(EXIT.ok);
});

const output = new Output();
const name = process.argv[2] ?? "";
main(process.argv.slice(2), output)
  .catch((error: unknown) => {
    const prefix = `rqts${name && !name.startsWith("-") ? ` ${name}` : ""}:`;
    // messages may quote Redis data (queue names, statuses): escaped like all job data
    if (error instanceof RqtsError) output.warn(`${prefix} ${safe(error.message, true)}`);
    else if (process.env.RQTS_DEBUG) output.warn(`${prefix} ${safe((error as Error)?.stack ?? String(error), true)}`);
    else output.warn(`${prefix} ${safe((error as Error)?.message ?? String(error), true)} (set RQTS_DEBUG=1 for the stack)`);
    return exitCodeOf(error);
  })
  // exit once stdout is flushed: a stopped worker may leave an aborted handler's timers behind
  .then((code) => process.stdout.write("", () => process.exit(code)));
