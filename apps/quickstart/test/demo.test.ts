import { describe, expect, it } from "vitest";
import { useRedis } from "@rqts/testing/vitest";
import { runDemo } from "../run-demo.js";

const ctx = useRedis();

describe("runDemo", () => {
  it("runs every job to its expected outcome, prints each, and cleans up after itself", async () => {
    const lines: string[] = [];
    const report = await runDemo(ctx.redis, (line) => lines.push(line));

    expect(report.ok).toBe(true);
    expect(report.jobs.map((j) => [j.call, j.outcome, j.value ?? j.error])).toEqual([
      ['quickstart.count-words("The quick brown fox jumps over the lazy dog")', "finished", 9],
      ['quickstart.count-words("To be, or not to be, that is the question")', "finished", 10],
      ["quickstart.slow-square(7)", "finished", 49],
      ["quickstart.slow-square(12, 3)", "finished", 144],
      ['quickstart.always-fails("to show a failure")', "failed", "Error: failing on purpose: to show a failure"],
    ]);
    expect(report.jobs[2]?.progress).toBe(1);
    expect(report.finishedCount).toBe(4);
    expect(report.failedCount).toBe(1);

    expect(lines).toContain("  quickstart.slow-square(7) → 49 (progress 100%)");
    expect(lines).toContain('  quickstart.always-fails("to show a failure") → failed (on purpose): Error: failing on purpose: to show a failure');
    expect(lines).toContain(`Registries of "${report.queueName}": 4 finished, 1 failed`);
    expect(lines.at(-1)).toBe("Every job ended as expected.");
    expect(lines.some((line) => line.includes("UNEXPECTED"))).toBe(false);

    // Nothing of the run is left: no job hashes, results or queue keys.
    expect(await ctx.redis.keys(`rq:*${report.queueName}*`)).toEqual([]);
    expect(await ctx.redis.keys("rq:job:*")).toEqual([]);
    expect(await ctx.redis.keys("rq:results:*")).toEqual([]);
  });

  it("uses a fresh queue each run, so runs on one Redis do not see each other's jobs", async () => {
    const first = await runDemo(ctx.redis, () => undefined);
    const second = await runDemo(ctx.redis, () => undefined);
    expect(first.queueName).not.toBe(second.queueName);
    expect(first.queueName).toMatch(/^quickstart-[0-9a-f]{8}$/);
    expect([second.finishedCount, second.failedCount]).toEqual([4, 1]);
  });
});
