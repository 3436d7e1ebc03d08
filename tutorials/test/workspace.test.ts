import { existsSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFreshCopy, type FreshCopy } from "../runner/workspace.js";

const REPO_ROOT = join(import.meta.dirname, "..", "..");
let copy: FreshCopy;
beforeAll(() => {
  copy = createFreshCopy(REPO_ROOT, "workspace-test");
});
afterAll(() => copy?.remove()); // again, in case a test failed before the last one

describe("a fresh copy of the repository", () => {
  it("holds the files a clone holds, and none that .gitignore excludes (builds, caches)", () => {
    expect(existsSync(join(copy.root, "package.json"))).toBe(true);
    expect(existsSync(join(copy.root, "tutorials", "runner", "workspace.ts"))).toBe(true);
    expect(existsSync(join(REPO_ROOT, "packages", "queue", "dist"))).toBe(true); // built here…
    expect(existsSync(join(copy.root, "packages", "queue", "dist"))).toBe(false); // …but not in the copy
    expect(existsSync(join(copy.root, ".git"))).toBe(false);
  });

  it("has node_modules as npm ci leaves them: packages hard-linked, workspace links pointing into the copy", () => {
    const file = join("node_modules", "ioredis", "package.json");
    expect(statSync(join(copy.root, file)).ino).toBe(statSync(join(REPO_ROOT, file)).ino);
    expect(readlinkSync(join(copy.root, "node_modules", "@rqts", "queue"))).toBe("../../packages/queue");
    expect(realpathSync(join(copy.root, "node_modules", "@rqts", "queue"))).toBe(realpathSync(join(copy.root, "packages", "queue")));
  });

  it("is gone once removed", () => {
    copy.remove();
    expect(existsSync(copy.root)).toBe(false);
  });
});
