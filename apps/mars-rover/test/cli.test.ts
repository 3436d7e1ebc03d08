/**
 * The two commands as a person runs them (`npm run fetch`, `npm run schedule`: tsx in a child process),
 * on a real Redis and the fake NASA.
 */
import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readConfig } from "../lib/config";
import { appQueues } from "../lib/queues";
import { startTestWorkers, testEnv, useServers } from "./helpers";

const ctx = useServers();
const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

function command(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, ...args], { cwd: appDir, env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("npm run fetch", () => {
  it("enqueues one fetch job per sol and returns at once, printing each job's id", async () => {
    const env = testEnv(ctx);
    const { code, stdout } = await command("cli/fetch.ts", ["--rover", "curiosity", "--sols", "1000..1002"], env);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    const ids = lines.slice(0, 3).map((line, i) => new RegExp(`^Enqueued fetch of curiosity sol ${1000 + i} as job ([0-9a-f-]{36})$`).exec(line)?.[1]);
    expect(lines[3]).toMatch(new RegExp(`^3 job\\(s\\) enqueued on ${env.MARS_ROVER_QUEUE_PREFIX}-api in \\d+ ms; the worker takes it from here\\.$`));
    expect(await appQueues(ctx.redis, readConfig(env)).api.jobIds()).toEqual(ids); // queued: no worker ran them
  });

  it("with --wait, stays to print each sol's fetch and summary once the workers are done", async () => {
    const env = testEnv(ctx);
    const workers = startTestWorkers(ctx, readConfig(env));
    try {
      const { code, stdout } = await command("cli/fetch.ts", ["--rover", "perseverance", "--sols", "103", "--wait"], env);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^perseverance sol 103: 4 photos → 4 photo jobs and a summary job waiting for them; a random one: http:\/\/127\.0\.0\.1:\d+\/images\/\d+\.png \(NASA calls left: \d+\)$/m);
      expect(stdout).toMatch(/^perseverance sol 103 summary: 4 of 4 photos processed, \d+ bytes \(SHERLOC_WATSON 3, SKYCAM 1\)$/m);
      expect(stdout).toMatch(/^All 1 fetch\(es\) finished, in 1 attempt\(s\) \(no retries\)$/m);
    } finally {
      await workers.stop();
    }
  });

  it("refuses a mistake with exit code 2, the reason and the usage, and enqueues nothing", async () => {
    const env = testEnv(ctx);
    const { code, stderr } = await command("cli/fetch.ts", ["--rover", "curiosity", "--sols", "1009..1000"], env);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sols: the range 1009\.\.1000 runs backwards; write 1000\.\.1009\nusage: npm run fetch/);
    expect(await appQueues(ctx.redis, readConfig(env)).api.count()).toBe(0);
    const unknown = await command("cli/fetch.ts", ["--sol", "1000"], env);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringMatching(/Unknown option '--sol'/)]);
  });

  it("exits 1 saying what to do when Redis does not answer", async () => {
    const { code, stderr } = await command("cli/fetch.ts", ["--sols", "1000"], testEnv(ctx, { REDIS_URL: "redis://127.0.0.1:1" }));
    expect([code, stderr]).toEqual([1, expect.stringMatching(/^Cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(.*\): start redis-server or set REDIS_URL/)]);
  });
});

describe("npm run schedule", () => {
  it("lists a fetch scheduled with --in, and cancels it", async () => {
    const env = testEnv(ctx);
    const scheduled = await command("cli/fetch.ts", ["--rover", "curiosity", "--sols", "1005", "--in", "10m"], env);
    const [, id, due] = /^Scheduled fetch of curiosity sol 1005 as job (\S+), due (\S+Z)$/m.exec(scheduled.stdout) ?? [];
    expect(id).toBeDefined();
    const listed = await command("cli/schedule.ts", ["list"], env);
    expect(listed.stdout).toBe(`Scheduled fetches on ${env.MARS_ROVER_QUEUE_PREFIX}-api: 1\n  ${due}  curiosity sol 1005  ${id}\nCron entries: none\n`);
    expect((await command("cli/schedule.ts", ["cancel", id!], env)).stdout).toBe(`Canceled ${id}\n`);
    const again = await command("cli/schedule.ts", ["cancel", id!], env);
    expect([again.code, again.stderr]).toEqual([2, expect.stringMatching(/^No fetch with id .* is waiting for its time/)]);
  });

  it("adds a cron entry for a rover's latest photos, lists it with its next run, and removes it", async () => {
    const env = testEnv(ctx);
    const added = await command("cli/schedule.ts", ["latest", "--rover", "perseverance", "--cron", "0 6 * * *"], env);
    expect(added.stdout).toMatch(/^Cron entry latest-perseverance: perseverance latest on "0 6 \* \* \*" \(UTC\), next \d{4}-\d\d-\d\dT06:00:00Z\n$/);
    expect((await command("cli/schedule.ts", ["list"], env)).stdout).toMatch(/^Cron entries: 1\n  latest-perseverance: perseverance latest on "0 6 \* \* \*" \(UTC\), next /m);
    expect((await command("cli/schedule.ts", ["remove", "latest-perseverance"], env)).stdout).toBe("Removed cron entry latest-perseverance\n");
    const wrong = await command("cli/schedule.ts", ["latest", "--rover", "perseverance", "--cron", "at dawn"], env);
    expect(wrong.code).toBe(2);
  });
});
