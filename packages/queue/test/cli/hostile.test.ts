/**
 * The CLI shows hostile and malformed jobs (test/fixtures/reliability/hostile-jobs.ts) without crashing:
 * `rqts job` prints what it can read and says what it cannot, `rqts info` counts them, and terminal
 * control characters from Redis are shown escaped, never sent to the terminal.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, rqts } from "../fixtures/cli/run-cli.js";
import { hostileCatalog, writeHostileJobs } from "../fixtures/reliability/hostile-jobs.js";
import { createPrng } from "../fixtures/reliability/prng.js";
import { uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();
beforeAll(ensureBuilt, 120_000);

describe("the CLI on hostile jobs", () => {
  it("`rqts job` on each hostile job exits with 0 or a clear message, never a crash or raw control characters", async () => {
    const queue = uniqueQueue("hostile-cli");
    // every kind of damage once (a process per job: the whole catalog would take long on 2 cores)
    const all = hostileCatalog(queue, "cli", createPrng(7)).filter((job) => typeof job.id === "string" && job.hash);
    const jobs = all.filter((_, index) => index % Math.ceil(all.length / 12) === 0);
    await writeHostileJobs(ctx.redis, queue, jobs);
    expect(jobs.length).toBeGreaterThanOrEqual(10);
    for (const job of jobs) {
      const run = await rqts(["job", job.id as string], { redisUrl: ctx.server.url });
      expect([0, 1], `${job.label}: ${run.stderr}`).toContain(run.code);
      expect(run.stderr, job.label).not.toMatch(/^\s+at /m); // no stack trace: a handled error
      expect(run.stdout + run.stderr, job.label).not.toMatch(/\x1b\[(?!\d*m)/); // no cursor or screen codes from job data
    }
  }, 120_000);

  it("`rqts info` counts a queue full of hostile jobs", async () => {
    const queue = uniqueQueue("hostile-info");
    const jobs = hostileCatalog(queue, "info", createPrng(11));
    await writeHostileJobs(ctx.redis, queue, jobs);
    const run = await rqts(["info", queue], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(queue);
  });
});
