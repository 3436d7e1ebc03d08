/**
 * Code shown in a tutorial comes from real files: an `include` block must equal the file it names, or
 * one region of it (the lines between `#region NAME` and `#endregion NAME` comments, unindented).
 * `check` lists the blocks that differ; `sync` rewrites them from the files.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CodeBlock, Tutorial } from "./markdown.js";

/** An include block whose text is not its file's. */
export interface IncludeMismatch {
  tutorial: string;
  /** Line of the block's opening fence. */
  line: number;
  source: string;
  /** What the block should hold, or the reason it cannot be read. */
  problem: string;
}

const REGION_MARKER = /#(end)?region\b\s*([\w-]*)/;

/** The text an include shows: the file without region markers, or one region of it, unindented. */
export function includedText(repoRoot: string, path: string, region: string | undefined): string {
  const file = join(repoRoot, path);
  if (!existsSync(file)) throw new Error(`${path} does not exist`);
  const lines = readFileSync(file, "utf8").replace(/\n$/, "").split("\n");
  if (region === undefined) return lines.filter((line) => !REGION_MARKER.test(line)).join("\n");
  const start = lines.findIndex((line) => REGION_MARKER.exec(line)?.[1] === undefined && REGION_MARKER.exec(line)?.[2] === region);
  const end = lines.findIndex((line, i) => i > start && REGION_MARKER.exec(line)?.[1] === "end" && REGION_MARKER.exec(line)?.[2] === region);
  if (start < 0 || end < 0) throw new Error(`${path} has no region "${region}" (mark it with "#region ${region}" and "#endregion ${region}" comments)`);
  return dedent(lines.slice(start + 1, end).filter((line) => !REGION_MARKER.test(line)));
}

function dedent(lines: string[]): string {
  const indents = lines.filter((line) => line.trim() !== "").map((line) => /^\s*/.exec(line)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(cut)).join("\n");
}

interface Include {
  block: CodeBlock;
  source: string;
  /** The file's text, or an Error when it cannot be read. */
  expected: string | Error;
}

function includes(repoRoot: string, tutorial: Tutorial): Include[] {
  return tutorial.steps.flatMap(({ directive, block }) => {
    if (directive.kind !== "include" || !block) return [];
    const source = directive.region ? `${directive.path}#${directive.region}` : directive.path;
    let expected: string | Error;
    try {
      expected = includedText(repoRoot, directive.path, directive.region);
    } catch (error) {
      expected = error as Error;
    }
    return [{ block, source, expected }];
  });
}

/** Every include block of the tutorial that differs from its source. */
export function checkIncludes(repoRoot: string, tutorial: Tutorial): IncludeMismatch[] {
  return includes(repoRoot, tutorial).flatMap(({ block, source, expected }) => {
    if (expected instanceof Error) return [{ tutorial: tutorial.slug, line: block.startLine, source, problem: expected.message }];
    if (expected === block.content) return [];
    return [{ tutorial: tutorial.slug, line: block.startLine, source, problem: `the block differs from ${source}: run \`npm run sync -w @rqts/tutorials\`` }];
  });
}

/** The tutorial's markdown with every include block rewritten from its source (unreadable ones kept). */
export function syncIncludes(repoRoot: string, tutorial: Tutorial): string {
  const lines = tutorial.text.split("\n");
  // From the last block up, so earlier line numbers stay valid as block lengths change.
  for (const { block, expected } of includes(repoRoot, tutorial).reverse()) {
    if (expected instanceof Error) continue;
    lines.splice(block.startLine, block.endLine - block.startLine - 1, ...expected.split("\n"));
  }
  return lines.join("\n");
}
