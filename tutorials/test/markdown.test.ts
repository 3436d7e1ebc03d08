import { describe, expect, it } from "vitest";
import { parseTutorial, TutorialFormatError } from "../runner/markdown.js";

const parse = (text: string) => parseTutorial("tutorials/99-x/README.md", "99-x", text);

describe("reading a tutorial", () => {
  it("pairs each directive with the code block right after it, and keeps its options", () => {
    const tutorial = parse(
      [
        "## Goal",
        "<!-- run background=web port=3000 port=9181 timeout=30 -->",
        "```sh",
        "npm start",
        "```",
        "",
        '<!-- expect from=web timeout=5 vary="41234 abcd-ef" -->',
        "```text",
        "ready on 41234",
        "```",
        "<!-- stop: web -->",
        "<!-- include: apps/x/file.ts#region-a -->",
        "```ts",
        "code();",
        "```",
      ].join("\n"),
    );
    expect(tutorial.headings).toEqual(["Goal"]);
    expect(tutorial.steps.map((step) => step.directive)).toEqual([
      { kind: "run", background: "web", ports: ["3000", "9181"], timeoutMs: 30_000, retryMs: undefined, exit: 0 },
      { kind: "expect", from: "web", timeoutMs: 5000, vary: ["41234", "abcd-ef"] },
      { kind: "stop", name: "web" },
      { kind: "include", path: "apps/x/file.ts", region: "region-a" },
    ]);
    expect(tutorial.steps[0]?.block).toMatchObject({ lang: "sh", content: "npm start", startLine: 3, endLine: 5 });
    expect(tutorial.steps[2]?.block).toBeUndefined();
    expect(tutorial.blocks).toHaveLength(3);
  });

  it("keeps code blocks without a directive, and ignores other HTML comments", () => {
    const tutorial = parse("<!-- a note -->\n```json\n{}\n```");
    expect(tutorial.steps).toEqual([]);
    expect(tutorial.blocks).toEqual([{ lang: "json", content: "{}", startLine: 2, endLine: 4 }]);
  });

  it("refuses a directive not followed by a code block, naming the line", () => {
    expect(() => parse("<!-- run -->\nsome prose\n```sh\nls\n```")).toThrow(TutorialFormatError);
    expect(() => parse("<!-- run -->\nsome prose")).toThrow("tutorials/99-x/README.md:1: a run directive must come right before a code block");
  });

  it("refuses unknown options, bad numbers and an unclosed block", () => {
    expect(() => parse("<!-- run speed=fast -->\n```sh\nls\n```")).toThrow('unknown option "speed" (known: background, port, timeout, retry, exit)');
    expect(() => parse("<!-- run timeout=soon -->\n```sh\nls\n```")).toThrow('timeout is a number of seconds, got "soon"');
    expect(() => parse("<!-- run exit=maybe -->\n```sh\nls\n```")).toThrow('exit must be a number or "any"');
    expect(() => parse("```sh\nls")).toThrow("this code block is never closed");
    expect(() => parse("<!-- skip: -->\n```sh\nls\n```")).toThrow("skip needs a reason");
  });
});
