import { describe, expect, it } from "vitest";
import { lintTutorial } from "../runner/lint.js";
import { parseTutorial } from "../runner/markdown.js";

const SHAPE = ["## Goal", "## 1. Do it", "<!-- run -->", "```sh", "echo hi", "```", "<!-- expect -->", "```text", "hi", "```", "## What you learned", "## What comes next"];
const lint = (lines: string[]) => lintTutorial(parseTutorial("README.md", "99-x", lines.join("\n")));

describe("the tutorial format", () => {
  it("accepts a goal, numbered steps, a checkpoint, what was learned and what comes next", () => {
    expect(lint(SHAPE)).toEqual([]);
  });

  it("names each missing part", () => {
    expect(lint(["```text", "just text", "```"])).toEqual([
      '1: a "## Goal" section is missing',
      '1: numbered steps ("## 1. …", "## 2. …") are missing',
      '1: a "## What you learned" section is missing',
      '1: a "## What comes next" section is missing',
      "1: there is no checkpoint (<!-- expect --> block)",
    ]);
  });

  it("requires every command and piece of code to be run, skipped or included", () => {
    expect(lint([...SHAPE, "```ts", "const x = 1;", "```", "```sh", "rm -rf /", "```", "```json", "{}", "```"])).toEqual([
      "13: this ts block has no include, run or skip directive: CI must check or run it",
      "16: this sh block has no include, run or skip directive: CI must check or run it",
    ]);
  });

  it("checks that background names, vary tokens and retries fit together", () => {
    const problems = lint([
      ...SHAPE,
      '<!-- expect from=ghost vary="ab nowhere" -->',
      "```text",
      "ab",
      "```",
      "<!-- stop: ghost -->",
      "<!-- run retry=5 -->",
      "```sh",
      "true",
      "```",
    ]);
    expect(problems).toEqual([
      '13: no background process "ghost" was started before',
      '13: vary token "ab" is too short to replace safely (4 characters at least)',
      '13: vary token "nowhere" does not occur in the checkpoint',
      '17: no background process "ghost" is running here',
      "18: retry needs the checkpoint it retries for right after it",
    ]);
  });
});
