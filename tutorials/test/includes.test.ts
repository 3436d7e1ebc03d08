import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkIncludes, includedText, syncIncludes } from "../runner/includes.js";
import { parseTutorial } from "../runner/markdown.js";

const root = mkdtempSync(join(tmpdir(), "rqts-includes-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, "src"));
writeFileSync(
  join(root, "src", "route.ts"),
  ["import x from 'x';", "", "// #region handler", "export function handler() {", "  return 202;", "}", "// #endregion handler", "", "function helper() {", "  // #region inner", "  return 1;", "  // #endregion inner", "}", ""].join("\n"),
);

const tutorial = (text: string) => parseTutorial("tutorials/99-x/README.md", "99-x", text);

describe("included code", () => {
  it("is the whole file, without region markers and its final newline", () => {
    expect(includedText(root, "src/route.ts", undefined)).toBe(
      ["import x from 'x';", "", "export function handler() {", "  return 202;", "}", "", "function helper() {", "  return 1;", "}"].join("\n"),
    );
  });

  it("or one region, unindented", () => {
    expect(includedText(root, "src/route.ts", "handler")).toBe("export function handler() {\n  return 202;\n}");
    expect(includedText(root, "src/route.ts", "inner")).toBe("return 1;");
  });

  it("names a missing file or region", () => {
    expect(() => includedText(root, "src/nope.ts", undefined)).toThrow("src/nope.ts does not exist");
    expect(() => includedText(root, "src/route.ts", "gone")).toThrow('src/route.ts has no region "gone"');
  });
});

describe("checking and syncing include blocks", () => {
  const stale = ["intro", "<!-- include: src/route.ts#inner -->", "```ts", "return 0;", "```", "<!-- include: src/route.ts#handler -->", "```ts", "old", "```", "end"].join("\n");

  it("lists every block that differs from its source, with its line", () => {
    expect(checkIncludes(root, tutorial(stale))).toEqual([
      { tutorial: "99-x", line: 3, source: "src/route.ts#inner", problem: "the block differs from src/route.ts#inner: run `npm run sync -w @rqts/tutorials`" },
      { tutorial: "99-x", line: 7, source: "src/route.ts#handler", problem: "the block differs from src/route.ts#handler: run `npm run sync -w @rqts/tutorials`" },
    ]);
  });

  it("rewrites the blocks from their sources, leaving the rest of the text as it was", () => {
    const synced = syncIncludes(root, tutorial(stale));
    expect(synced).toBe(
      ["intro", "<!-- include: src/route.ts#inner -->", "```ts", "return 1;", "```", "<!-- include: src/route.ts#handler -->", "```ts", "export function handler() {", "  return 202;", "}", "```", "end"].join("\n"),
    );
    expect(checkIncludes(root, tutorial(synced))).toEqual([]);
  });
});
