/**
 * Checkpoints: does the output a learner would see contain what the tutorial says they should see?
 *
 * Every non-empty line of the checkpoint must match a whole line of the output (spaces at both ends
 * ignored), in order, other lines allowed in between. In a checkpoint line, `…` stands for any text.
 * A `vary` token is a value the tutorial shows as an example (a port, a job id) that differs each run:
 * it matches any value without white space or quotes, and the value seen replaces the token in every
 * later command and checkpoint — as a learner copies the id their own terminal printed.
 */

/** Replacements for example values (vary tokens, ports) in later commands and checkpoints. */
export type Substitutions = Map<string, string>;

/** `text` with every token replaced by its value, where it stands as a whole word. */
export function substitute(text: string, substitutions: Substitutions): string {
  let result = text;
  for (const [token, value] of substitutions) {
    result = result.replace(new RegExp(`(?<!\\w)${escapeRegExp(token)}(?!\\w)`, "g"), () => value);
  }
  return result;
}

export type MatchResult =
  | { ok: true; captured: Substitutions }
  | {
      ok: false;
      /** The first checkpoint line not found (after the lines before it matched). */
      missing: string;
    };

/** Matches a checkpoint against output; on success, the values its vary tokens took. */
export function matchCheckpoint(checkpoint: string, output: string, vary: readonly string[]): MatchResult {
  const captured: Substitutions = new Map();
  const outputLines = cleanOutput(output).split("\n").map((line) => line.trim());
  let from = 0;
  for (const rawLine of checkpoint.split("\n").map((line) => line.trim()).filter(Boolean)) {
    const line = substitute(rawLine, captured);
    const pending = vary.filter((token) => !captured.has(token) && line.includes(token));
    const pattern = linePattern(line, pending);
    const index = outputLines.findIndex((candidate, i) => i >= from && pattern.test(candidate));
    if (index < 0) return { ok: false, missing: line };
    const groups = pattern.exec(outputLines[index]!)?.groups ?? {};
    pending.forEach((token, n) => {
      const value = groups[`v${n}`];
      if (value !== undefined) captured.set(token, value);
    });
    from = index + 1;
  }
  return { ok: true, captured };
}

/** A whole-line pattern: literal text, `…` as any text, each pending token as a capture (later repeats must equal it). */
function linePattern(line: string, pending: readonly string[]): RegExp {
  const parts = pending.length ? line.split(new RegExp(`(…|${pending.map(escapeRegExp).join("|")})`)) : line.split(/(…)/);
  const seen = new Set<string>();
  const source = parts
    .map((part) => {
      if (part === "…") return ".*?";
      const n = pending.indexOf(part);
      if (n < 0) return escapeRegExp(part);
      if (seen.has(part)) return `\\k<v${n}>`;
      seen.add(part);
      return `(?<v${n}>[^\\s"'<>]+?)`;
    })
    .join("");
  return new RegExp(`^${source}$`);
}

/** Output as a person reads it: colour codes removed, carriage returns (progress redraws, CRLF) resolved. */
export function cleanOutput(output: string): string {
  return output
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "")
    .replace(/\x1b\][^\x07]*\x07/g, "")
    .split("\n")
    .map((line) => line.replace(/\r$/, "").split("\r").pop() ?? "")
    .join("\n");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
