/**
 * Reads a tutorial's README.md into what the runner acts on: its code blocks, and the directives —
 * HTML comments, invisible when the markdown is rendered — that say what to do with each block.
 *
 *   <!-- include: path/in/repo.ts#region -->   the block below must equal that file (or region)
 *   <!-- run [background=NAME] [port=N …] [timeout=S] [retry=S] [exit=CODE|any] -->   run the sh block below
 *   <!-- skip: REASON -->                       a command shown but not run by CI, and why
 *   <!-- expect [from=NAME] [timeout=S] [vary="TOKEN …"] -->   the text block below is a checkpoint
 *   <!-- stop: NAME -->                         Ctrl-C in the terminal of background process NAME
 *
 * The format is specified, with examples, in tutorials/README.md.
 */

/** A fenced code block. */
export interface CodeBlock {
  /** The info string's first word (`ts`, `sh`, `text`), or "". */
  lang: string;
  /** The lines between the fences, joined with "\n" (no final newline). */
  content: string;
  /** 1-based line numbers of the opening and closing fences. */
  startLine: number;
  endLine: number;
}

export type Directive =
  | { kind: "include"; path: string; region: string | undefined }
  | { kind: "run"; background: string | undefined; ports: string[]; timeoutMs: number | undefined; retryMs: number | undefined; exit: number | "any" }
  | { kind: "skip"; reason: string }
  | { kind: "expect"; from: string | undefined; timeoutMs: number | undefined; vary: string[] }
  | { kind: "stop"; name: string };

/** One directive, with the code block it applies to (none for `stop`). */
export interface Step {
  directive: Directive;
  block: CodeBlock | undefined;
  /** 1-based line of the directive comment. */
  line: number;
}

export interface Tutorial {
  /** The README's path, and its folder name (`01-first-job`). */
  path: string;
  slug: string;
  text: string;
  /** `## ` headings, in order, without the hashes. */
  headings: string[];
  /** Every code block, with or without a directive. */
  blocks: CodeBlock[];
  steps: Step[];
}

/** The markdown breaks the format; the message names the file and line. */
export class TutorialFormatError extends Error {
  constructor(readonly file: string, readonly line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = "TutorialFormatError";
  }
}

const DIRECTIVE = /^<!--\s*(include|run|skip|expect|stop)\b:?\s*(.*?)\s*-->$/;
const FENCE = /^(`{3,})\s*([\w-]*)/;

/** Parses a tutorial's markdown; throws `TutorialFormatError` for a directive it cannot read. */
export function parseTutorial(path: string, slug: string, text: string): Tutorial {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  const steps: Step[] = [];
  const headings: string[] = [];
  let pending: { directive: Directive; line: number } | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence) {
      const close = lines.findIndex((candidate, j) => j > i && candidate.trim() === fence[1]);
      if (close < 0) throw new TutorialFormatError(path, i + 1, "this code block is never closed");
      const block: CodeBlock = { lang: fence[2] ?? "", content: lines.slice(i + 1, close).join("\n"), startLine: i + 1, endLine: close + 1 };
      blocks.push(block);
      if (pending) steps.push({ ...pending, block });
      pending = undefined;
      i = close;
      continue;
    }
    if (line.trim() === "") continue;
    if (pending) throw new TutorialFormatError(path, pending.line, `a ${pending.directive.kind} directive must come right before a code block`);
    if (line.startsWith("## ")) headings.push(line.slice(3).trim());
    const match = DIRECTIVE.exec(line.trim());
    if (!match) continue;
    const directive = parseDirective(match[1]!, match[2] ?? "", (message) => new TutorialFormatError(path, i + 1, message));
    if (directive.kind === "stop") steps.push({ directive, block: undefined, line: i + 1 });
    else pending = { directive, line: i + 1 };
  }
  if (pending) throw new TutorialFormatError(path, pending.line, `a ${pending.directive.kind} directive must come right before a code block`);
  return { path, slug, text, headings, blocks, steps };
}

function parseDirective(kind: string, rest: string, fail: (message: string) => Error): Directive {
  switch (kind) {
    case "include": {
      const [path, region] = rest.split("#");
      if (!path) throw fail("include needs a path: <!-- include: apps/x/file.ts --> or <!-- include: apps/x/file.ts#region -->");
      return { kind, path, region: region || undefined };
    }
    case "skip":
      if (!rest) throw fail("skip needs a reason: <!-- skip: why CI does not run this -->");
      return { kind, reason: rest };
    case "stop":
      if (!/^[\w-]+$/.test(rest)) throw fail("stop needs the name of a background process: <!-- stop: worker -->");
      return { kind, name: rest };
    case "run": {
      const options = parseOptions(rest, ["background", "port", "timeout", "retry", "exit"], fail);
      const exit = options.exit?.[0];
      if (exit !== undefined && exit !== "any" && !/^\d+$/.test(exit)) throw fail(`exit must be a number or "any", got "${exit}"`);
      return {
        kind,
        background: options.background?.[0],
        ports: options.port ?? [],
        timeoutMs: seconds(options.timeout?.[0], "timeout", fail),
        retryMs: seconds(options.retry?.[0], "retry", fail),
        exit: exit === undefined ? 0 : exit === "any" ? "any" : Number(exit),
      };
    }
    default: {
      const options = parseOptions(rest, ["from", "timeout", "vary"], fail);
      return { kind: "expect", from: options.from?.[0], timeoutMs: seconds(options.timeout?.[0], "timeout", fail), vary: options.vary ?? [] };
    }
  }
}

/** `key=value key="two words"` → { key: [values…] }; a quoted value is split on spaces. */
function parseOptions(text: string, allowed: readonly string[], fail: (message: string) => Error): Record<string, string[]> {
  const options: Record<string, string[]> = {};
  const pattern = /(\w+)=(?:"([^"]*)"|(\S+))|(\S+)/g;
  for (const match of text.matchAll(pattern)) {
    if (match[4] !== undefined) throw fail(`"${match[4]}" is not an option (write key=value)`);
    const key = match[1]!;
    if (!allowed.includes(key)) throw fail(`unknown option "${key}" (known: ${allowed.join(", ")})`);
    const values = (match[2] ?? match[3] ?? "").split(/\s+/).filter(Boolean);
    (options[key] ??= []).push(...values);
  }
  return options;
}

function seconds(text: string | undefined, name: string, fail: (message: string) => Error): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw fail(`${name} is a number of seconds, got "${text}"`);
  return value * 1000;
}
