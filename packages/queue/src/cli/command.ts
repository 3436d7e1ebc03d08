/**
 * What a subcommand is: its options, its help (always with an example), and its `run`. Arguments are
 * parsed by Node's own `util.parseArgs` in strict mode, so an unknown option or a missing value is a
 * `UsageError` pointing at `--help`. Options every command takes: `--url` and `--help`.
 */
import { parseArgs } from "node:util";
import type { Redis } from "ioredis";
import { toMilliseconds } from "../duration.js";
import { DEFAULT_REDIS_URL, type RedisTarget } from "./connection.js";
import { UsageError } from "./errors.js";
import type { Output } from "./output.js";

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given more than once; the values come as a list. */
  multiple?: boolean;
  /** The value's placeholder in the help, e.g. `<seconds>`. */
  value?: string;
  /** One line for the help, including the default. */
  help: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What `run` is given. */
export interface CommandInput {
  positionals: string[];
  values: OptionValues;
  output: Output;
  /** Where Redis is (`--url`, else REDIS_URL, else the default), checked already. */
  target: RedisTarget;
  /**
   * Connects on first call (fail fast, with a clear error); later calls return the same connection.
   * `keepRetrying`: the connection then reconnects on its own after that first check (for workers).
   */
  redis(options?: { keepRetrying?: boolean }): Promise<Redis>;
}

export interface Command {
  name: string;
  /** One line for `rqts --help`. */
  summary: string;
  /** The synopsis after `rqts `, e.g. `job <id> [--json]`. */
  usage: string;
  /** Paragraphs shown under the synopsis. */
  description: string;
  options: Record<string, OptionSpec>;
  /** At least one, run as written. */
  examples: string[];
  /** Positional arguments allowed. */
  positionals: { min: number; max: number };
  /** Resolves with the exit code. */
  run(input: CommandInput): Promise<number>;
}

export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  url: { type: "string", value: "<url>", help: `Redis URL, redis:// or rediss:// (default: $REDIS_URL, else ${DEFAULT_REDIS_URL})` },
  help: { type: "boolean", short: "h", help: "show this help" },
};

export const JSON_OPTION: OptionSpec = { type: "boolean", help: "print JSON instead of text" };

/** Parses a command's arguments, or throws `UsageError`. */
export function parseCommandLine(command: Command, args: string[]): { positionals: string[]; values: OptionValues } {
  const specs = { ...command.options, ...COMMON_OPTIONS };
  const options = Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
  let parsed: { positionals: string[]; values: OptionValues };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    throw new UsageError(`${describeParseError(error as Error & { code?: string })} Run "rqts ${command.name} --help".`);
  }
  if (parsed.values.help) return parsed;
  const { min, max } = command.positionals;
  const count = parsed.positionals.length;
  if (count < min) throw new UsageError(`Missing arguments: usage is "rqts ${command.usage}". Run "rqts ${command.name} --help".`);
  if (count > max) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[max]}": usage is "rqts ${command.usage}". Run "rqts ${command.name} --help".`);
  }
  return parsed;
}

function describeParseError(error: Error & { code?: string }): string {
  // Node names the option as given ('--bogus') or as declared ('-d, --duration <value>')
  const option = /--[\w-]+/.exec(error.message)?.[0] ?? /'(-[^']*)'/.exec(error.message)?.[1];
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Unknown option ${option ?? error.message}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return error.message.includes("argument missing") ? `Option ${option ?? ""} needs a value.` : `${error.message}.`;
    default:
      return `${error.message}.`;
  }
}

/** The help text of a command. */
export function helpText(command: Command): string {
  const specs = { ...command.options, ...COMMON_OPTIONS };
  const rows = Object.entries(specs).map(([name, spec]) => {
    const flag = `${spec.short ? `-${spec.short}, ` : "    "}--${name}${spec.value ? ` ${spec.value}` : ""}`;
    return [flag, spec.help];
  });
  const width = Math.max(...rows.map(([flag]) => flag!.length));
  return [
    `Usage: rqts ${command.usage}`,
    "",
    command.description,
    "",
    "Options:",
    ...rows.map(([flag, text]) => `  ${flag!.padEnd(width)}  ${text}`),
    "",
    command.examples.length === 1 ? "Example:" : "Examples:",
    ...command.examples.map((example) => `  ${example}`),
    "",
  ].join("\n");
}

/** A string option's value (the last one when given twice). */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  if (Array.isArray(value)) return value[value.length - 1];
  return typeof value === "string" ? value : undefined;
}

/** A repeatable option's values. */
export function listOption(values: OptionValues, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
}

/** A whole-number option within bounds, or `UsageError`. */
export function integerOption(values: OptionValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^-?\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${name} must be a whole number${max === Number.MAX_SAFE_INTEGER ? ` ≥ ${min}` : ` from ${min} to ${max}`}; got "${text}"`);
  }
  return value;
}

/**
 * A duration option. On the command line a bare number means seconds (as in Python's `rq`), unlike
 * the library's milliseconds: `--timeout 90` is 90 s. Units as everywhere: ms, s, m, h, d, w.
 */
export function durationOption(values: OptionValues, name: string): string | undefined {
  const text = stringOption(values, name);
  if (text === undefined) return undefined;
  const duration = /^\s*\d+(\.\d+)?\s*$/.test(text) ? `${text.trim()}s` : text;
  try {
    toMilliseconds(duration, `--${name}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return duration;
}

/** Parses a JSON option or argument, or throws `UsageError` naming it and showing an example. */
export function jsonArgument(text: string, name: string, example: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON (${(error as Error).message}): pass e.g. '${example}', quoted for your shell`);
  }
}
