/**
 * Every `rqts` command line that a help text or docs/cli.md shows parses as its command expects: the
 * examples cannot drift from the options. (What the commands do is checked against Redis in the other
 * files of this folder.)
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/command.js";
import { commands } from "../../src/cli/commands.js";
import { packageDir } from "../fixtures/cli/run-cli.js";

/** Splits one shell command line into words: quotes, `VAR=value` prefixes, and stops at `|`, `&&`, `#`. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? "") + line.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if ((c === "|" || c === "&" || c === "#") && word === undefined) {
      break;
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  while (words[0] !== undefined && /^[A-Z_]+=/.test(words[0])) words.shift();
  return words;
}

/** The `rqts …` invocations in a text, as argument lists after `rqts` (several per line with `&&`). */
function invocations(text: string): string[][] {
  const found: string[][] = [];
  for (const line of text.split("\n")) {
    for (const part of line.split("&&")) {
      const words = shellWords(part.trim());
      const at = words.indexOf("rqts");
      if (at !== -1 && (at === 0 || words[at - 1] === "npx")) found.push(words.slice(at + 1));
    }
  }
  return found;
}

function parses(args: string[]): void {
  const [name, ...rest] = args;
  if (name === "--help" || name === "--version") return;
  const command = commands.find((candidate) => candidate.name === name);
  expect(command, `unknown command in: rqts ${args.join(" ")}`).toBeDefined();
  expect(() => parseCommandLine(command!, rest), `rqts ${args.join(" ")}`).not.toThrow();
}

describe("rqts examples", () => {
  it("every help example is a command line its command accepts", () => {
    for (const command of commands) {
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) {
        const found = invocations(example);
        expect(found.length, example).toBeGreaterThan(0);
        found.forEach(parses);
      }
    }
  });

  it("every rqts command line in docs/cli.md's shell blocks is accepted, and every command has one", () => {
    const page = readFileSync(join(packageDir, "docs", "cli.md"), "utf8");
    const blocks = [...page.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
    const found = blocks.flatMap(invocations);
    found.forEach(parses);
    for (const command of commands) expect(found.some(([name]) => name === command.name), command.name).toBe(true);
  });

  it("splits shell lines as a shell would", () => {
    expect(shellWords(`REDIS_URL=x rqts enqueue q t '["a b", 1]' --in 10m | jq .`)).toEqual(["rqts", "enqueue", "q", "t", '["a b", 1]', "--in", "10m"]);
    expect(invocations("rqts suspend && ./deploy.sh && rqts resume")).toEqual([["suspend"], ["resume"]]);
  });
});
