/**
 * The shape every tutorial keeps, checked before anything runs: a goal, numbered steps, checkpoints,
 * what was learned and what comes next; every command and every piece of code marked for CI.
 */
import type { Tutorial } from "./markdown.js";

/** Languages whose blocks must be included from a file, run, or skipped with a reason. */
const MARKED_LANGUAGES = new Set(["ts", "tsx", "js", "mjs", "sh", "bash", "shell", "console"]);

/** Every way the tutorial breaks the format, as "line: problem" (empty when it keeps it). */
export function lintTutorial(tutorial: Tutorial): string[] {
  const problems: string[] = [];
  const has = (pattern: RegExp) => tutorial.headings.some((heading) => pattern.test(heading));
  if (!has(/^goal$/i)) problems.push('1: a "## Goal" section is missing');
  if (!has(/^1\. /)) problems.push('1: numbered steps ("## 1. …", "## 2. …") are missing');
  if (!has(/^what you learned$/i)) problems.push('1: a "## What you learned" section is missing');
  if (!has(/^what comes next$/i)) problems.push('1: a "## What comes next" section is missing');
  if (!tutorial.steps.some((step) => step.directive.kind === "expect")) problems.push("1: there is no checkpoint (<!-- expect --> block)");

  const marked = new Set(tutorial.steps.map((step) => step.block));
  for (const block of tutorial.blocks) {
    if (MARKED_LANGUAGES.has(block.lang) && !marked.has(block)) {
      problems.push(`${block.startLine}: this ${block.lang} block has no include, run or skip directive: CI must check or run it`);
    }
  }

  const running = new Set<string>();
  const started = new Set<string>(); // running or stopped: its output can still be checked
  tutorial.steps.forEach((step, index) => {
    const { directive, line, block } = step;
    if (directive.kind === "run") {
      if (block && !["sh", "bash"].includes(block.lang)) problems.push(`${line}: run applies to a sh block, not ${block.lang || "an untyped one"}`);
      if (directive.background && running.has(directive.background)) problems.push(`${line}: background "${directive.background}" is already running`);
      if (directive.background) {
        running.add(directive.background);
        started.add(directive.background);
      }
      if (directive.retryMs && tutorial.steps[index + 1]?.directive.kind !== "expect") problems.push(`${line}: retry needs the checkpoint it retries for right after it`);
    }
    if (directive.kind === "expect") {
      if (block && block.lang !== "text") problems.push(`${line}: a checkpoint is a text block, not ${block.lang || "an untyped one"}`);
      if (directive.from && !started.has(directive.from)) problems.push(`${line}: no background process "${directive.from}" was started before`);
      for (const token of directive.vary) {
        if (token.length < 4) problems.push(`${line}: vary token "${token}" is too short to replace safely (4 characters at least)`);
        if (!block?.content.includes(token)) problems.push(`${line}: vary token "${token}" does not occur in the checkpoint`);
      }
    }
    if (directive.kind === "stop" && !running.delete(directive.name)) problems.push(`${line}: no background process "${directive.name}" is running here`);
  });
  return problems;
}
