/**
 * Each app copied out of the monorepo stands alone: no workspace link is left, the libraries come from
 * packed tarballs, and it installs from the npm registry (or npm's cache) in a folder outside the
 * repository and its own tests pass there. RQTS_STARTERS=quick installs only two, for a faster local run.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { StarterError, createStarter, repoRoot, starterApps } from "../src/starter.js";

const run = promisify(execFile);
const workdir = mkdtempSync(join(tmpdir(), "rqts-starters-"));
afterAll(() => rmSync(workdir, { recursive: true, force: true }));

/** Every app by default (about 40 s per Next.js app on 2 cores); RQTS_STARTERS=quick: the quickstart and one web app. */
const FULL = process.env.RQTS_STARTERS === "quick" ? ["quickstart", "long-tasks"].filter((app) => starterApps().includes(app)) : starterApps();

describe("starters", () => {
  it.each(starterApps())("%s is copied out with no workspace links left", (app) => {
    const target = join(workdir, `shape-${app}`);
    const files = createStarter(app, target);
    expect(files).toContain("package.json");
    const manifest = JSON.parse(readFileSync(join(target, "package.json"), "utf8")) as Record<string, Record<string, string>>;
    const deps = { ...manifest.dependencies, ...manifest.devDependencies };
    for (const [name, version] of Object.entries(deps)) {
      expect(version, `${name} must not point into the monorepo`).not.toBe("*");
      if (name.startsWith("@rqts/")) expect(version).toMatch(/^file:vendor\/rqts-(queue|app-kit|testing)-[\d.]+\.tgz$/);
    }
    expect(deps["@rqts/tsconfig"]).toBeUndefined();
    expect(readdirSync(join(target, "vendor")).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/^rqts-queue-/), expect.stringMatching(/^rqts-app-kit-/)]));
    // an app that uses the app kit gets it as a tarball too (the shape test runs for every app)
    if (JSON.parse(readFileSync(join(repoRoot, "apps", app, "package.json"), "utf8")).dependencies?.["@rqts/app-kit"]) {
      expect(manifest.dependencies?.["@rqts/app-kit"]).toMatch(/^file:vendor\/rqts-app-kit-[\d.]+\.tgz$/);
    }
    expect(existsSync(join(target, "node_modules"))).toBe(false);
    expect(readFileSync(join(target, "README.md"), "utf8")).toMatch(/## This copy/);
    for (const file of files.filter((name) => name.endsWith("tsconfig.json"))) {
      expect(readFileSync(join(target, file), "utf8")).not.toContain("@rqts/tsconfig");
    }
  }, 120_000);

  it.each(FULL)("%s installs and passes its own tests outside the repository", async (app) => {
    const target = join(workdir, `full-${app}`);
    createStarter(app, target);
    const env: NodeJS.ProcessEnv = { ...process.env, CI: "true", NO_COLOR: "1", FORCE_COLOR: "0" };
    for (const key of Object.keys(env)) if (key.startsWith("npm_") || key.startsWith("TURBO_")) delete env[key];
    await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], { cwd: target, env, timeout: 300_000 });
    const { stdout } = await run("npm", ["test"], { cwd: target, env, timeout: 600_000, maxBuffer: 32 * 1024 * 1024 });
    // npm test exited 0 (execFile rejects otherwise); and vitest ran tests, not none
    expect(stdout.replace(/\x1b\[[0-9;]*m/g, "")).toMatch(/Tests\s+\d+ passed/);
  }, 900_000);

  it("refuses an unknown app, a folder inside the repository and a folder that is not empty", () => {
    expect(() => createStarter("nope", join(workdir, "x"))).toThrow(StarterError);
    expect(() => createStarter("quickstart", join(repoRoot, "tmp-starter"))).toThrow(/inside the monorepo/);
    expect(() => createStarter("quickstart", workdir)).toThrow(/not empty/);
  });
});
