/**
 * House rules checked on the dashboard's own source: it reads Redis only through @rqts/queue's
 * inspector (no key string of RQ's layout appears here), and it never renders job data as HTML or
 * evaluates it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SKIP = new Set(["node_modules", ".next", ".next-base-path", "test-artifacts", "docs"]);
const THIS_FILE = fileURLToPath(import.meta.url);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js|py)$/.test(entry.name) && path !== THIS_FILE ? [path] : [];
  });
}

function offenders(pattern: RegExp): string[] {
  return sourceFiles(ROOT).flatMap((path) =>
    readFileSync(path, "utf8")
      .split("\n")
      .flatMap((line, index) => (pattern.test(line) ? [`${relative(ROOT, path)}:${index + 1}: ${line.trim()}`] : [])),
  );
}

describe("the dashboard's source", () => {
  it("holds files to check", () => {
    expect(sourceFiles(ROOT).length).toBeGreaterThan(20);
  });

  it("builds no Redis key: every read and write goes through @rqts/queue", () => {
    // Built from parts so that this file does not match itself.
    const keyLiteral = new RegExp(["[\"'`]", "rq", ":"].join(""));
    expect(offenders(keyLiteral)).toEqual([]);
  });

  it("never inserts HTML and never evaluates text", () => {
    expect(offenders(new RegExp(["dangerously", "SetInnerHTML"].join("")))).toEqual([]);
    expect(offenders(/\beval\s*\(|new Function\s*\(|innerHTML\s*=/)).toEqual([]);
  });
});
