// The workshop's checkers: each one passes its exercise's solution and fails its starter code, so no
// check can pass trivially, and each speaks to the learner in PASS/FAIL lines with reasons.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const WORKSHOP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "workshop");
const CHECKER = join(WORKSHOP_DIR, "checker", "cli.ts");
const EXERCISES = readdirSync(WORKSHOP_DIR).filter((name) => /^\d-[\w-]+$/.test(name)).sort();

/** Runs the checker as a learner does (`npm run workshop -- …` is `tsx workshop/checker/cli.ts …`). */
function runChecker(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", CHECKER, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

describe("the workshop checker", () => {
  it("finds the exercises", () => {
    expect(EXERCISES).toEqual(["1-first-task", "2-reliable-tasks", "3-fan-out", "4-scheduling"]);
  });

  describe.each(EXERCISES)("%s", (exercise) => {
    it("passes the solution, every requirement, with exit code 0", async () => {
      const { code, output } = await runChecker(exercise, "--solution");
      expect(output).not.toContain("FAIL");
      expect(output).toMatch(/All \d+ requirements met/);
      expect(code).toBe(0);
    });

    it("fails the starter code, naming what is not done, with exit code 1", async () => {
      const { code, output } = await runChecker(exercise);
      expect(output).toMatch(/^FAIL .+\n {5}\S/m);
      expect(output).toContain("requirement(s) not met yet");
      expect(code).toBe(1);
    });
  });

  it("accepts an exercise by its number", async () => {
    const { code, output } = await runChecker("1", "--solution");
    expect(output).toContain("Checking 1-first-task (the solution)");
    expect(code).toBe(0);
  });

  it("refuses an unknown exercise with the list of known ones and exit code 2", async () => {
    const { code, output } = await runChecker("9");
    expect(output).toContain("exercises: 1-first-task, 2-reliable-tasks, 3-fan-out, 4-scheduling");
    expect(code).toBe(2);
  });
});
