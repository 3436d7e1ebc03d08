/**
 * The tutorial runner's command line (`npm run … -w @rqts/tutorials`):
 *
 *   tsx runner/cli.ts check            the format and every included block, without running anything
 *   tsx runner/cli.ts sync             rewrite included blocks from their files
 *   tsx runner/cli.ts run [NN …]       check, then run each tutorial (all, or those numbered) in a fresh copy
 *     --keep                           keep the copies (their paths are printed)
 *
 * Exits 1 when anything fails, after printing what and why.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { checkIncludes, syncIncludes } from "./includes.js";
import { lintTutorial } from "./lint.js";
import { parseTutorial, TutorialFormatError, type Tutorial } from "./markdown.js";
import { runTutorial } from "./run-tutorial.js";

const TUTORIALS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const REPO_ROOT = join(TUTORIALS_DIR, "..");

/** Every `NN-slug/README.md` under tutorials/, in order; `only` keeps those whose number is listed. */
function loadTutorials(only: readonly string[]): Tutorial[] {
  const slugs = readdirSync(TUTORIALS_DIR)
    .filter((name) => /^\d{2}-[\w-]+$/.test(name) && existsSync(join(TUTORIALS_DIR, name, "README.md")))
    .filter((name) => only.length === 0 || only.some((number) => name.startsWith(`${number.padStart(2, "0")}-`)))
    .sort();
  if (only.length && slugs.length === 0) throw new Error(`no tutorial is numbered ${only.join(", ")}`);
  return slugs.map((slug) => {
    const path = join(TUTORIALS_DIR, slug, "README.md");
    return parseTutorial(relative(REPO_ROOT, path), slug, readFileSync(path, "utf8"));
  });
}

function check(tutorials: readonly Tutorial[]): string[] {
  return tutorials.flatMap((tutorial) => [
    ...lintTutorial(tutorial).map((problem) => `${tutorial.path}:${problem}`),
    ...checkIncludes(REPO_ROOT, tutorial).map((mismatch) => `${tutorial.path}:${mismatch.line}: ${mismatch.problem}`),
  ]);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { keep: { type: "boolean", default: false } } });
  const [command = "run", ...numbers] = positionals;
  const tutorials = loadTutorials(numbers);

  if (command === "sync") {
    for (const tutorial of tutorials) {
      const updated = syncIncludes(REPO_ROOT, tutorial);
      if (updated !== tutorial.text) {
        writeFileSync(join(REPO_ROOT, tutorial.path), updated);
        console.log(`synced ${tutorial.path}`);
      }
    }
    return 0;
  }
  if (command !== "check" && command !== "run") {
    console.error(`tutorials: unknown command "${command}": use check, sync or run`);
    return 2;
  }
  const problems = check(tutorials);
  for (const problem of problems) console.error(problem);
  if (problems.length) return 1;
  console.log(`tutorials: ${tutorials.length} checked (format and included code)`);
  if (command === "check") return 0;

  let failed = 0;
  for (const tutorial of tutorials) {
    console.log(`tutorials: running ${tutorial.slug}`);
    const report = await runTutorial(tutorial, { repoRoot: REPO_ROOT, keep: values.keep, log: (line) => console.log(line) });
    console.log(`tutorials: ${tutorial.slug} ${report.ok ? "passed" : "FAILED"} in ${(report.durationMs / 1000).toFixed(1)} s`);
    if (!report.ok) {
      failed++;
      console.error(report.failure);
    }
  }
  return failed ? 1 : 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(error instanceof TutorialFormatError ? error.message : `tutorials: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
