/**
 * The runnable examples in examples/ (shown in docs/) run against a private Redis and print what their
 * docs page promises; the docs show each example's code exactly as it is in the file.
 */
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { useRedis } from "./helpers.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
const ctx = useRedis();

const expectations: Record<string, RegExp[]> = {
  "retries.ts": [/retrying .*: attempt 1: connection reset/, /fetched on attempt 3/, /gave up: .*UnrecoverableError: not an https URL/, /bad job: failed after 1 attempt\(s\), 4 retries left/],
  "dependencies.ts": [/before: summary deferred, strict deferred/, /batch 1: all pages done/, /strict is deferred, waiting on:/, /status: 'failed'/],
  "callbacks.ts": [/receipt for .*: 1250 cents/, /alert: examples\.charge\(-5\) failed with cannot charge -5 cents/],
  "repeat.ts": [/successful poll #1\nsuccessful poll #2\nsuccessful poll #3/],
  "stop-and-cancel.ts": [/later is canceled/, /stopped: JobStoppedError: Job stopped by user/, /long is stopped/],
  "unique-jobs.ts": [/refused: A job with id "digest-user-42-.*" exists already/, /queued jobs: 1/],
  "rate-limits.ts": [/5 jobs started; the shortest span of 3 starts: ≥ 1 s/],
  "events.ts": [/started by a worker\nprogress 25%\nprogress 50%\nprogress 75%\nprogress 100%\nfinished: 4 images resized/],
  "suspension.ts": [/while suspended: queued\nafter resume: finished/],
  "scheduling.ts": [/soon: scheduled, later: scheduled\nreminder: stand up\nlater: canceled/],
  "cron.ts": [/weekday-report: next at 09:00:00 in Berlin\n(heartbeat report sent\n){3}heartbeat entry: used up, removed\nentries: hourly-sync, weekday-report \(paused\)/],
};

describe("examples", () => {
  const files = readdirSync(`${root}/examples`).filter((f) => f !== "connect.ts");

  it("every example has an expectation here", () => {
    expect(files.sort()).toEqual(Object.keys(expectations).sort());
  });

  // Each example gets a database of its own: one suspends every worker of its database.
  it.concurrent.each(Object.entries(expectations).map(([file, patterns], db) => [file, patterns, db] as const))(
    "%s runs and prints what its docs page says",
    async (file, patterns, db) => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", `examples/${file}`], {
      cwd: root,
      env: { ...process.env, REDIS_URL: `${ctx.server.url}/${db}` },
      timeout: 60_000,
    });
    for (const pattern of patterns) expect(stdout).toMatch(pattern);
    },
  );

  it("docs show each example exactly as the file is", () => {
    for (const page of readdirSync(`${root}/docs`).filter((f) => f.endsWith(".md"))) {
      const text = readFileSync(`${root}/docs/${page}`, "utf8");
      for (const [, body] of text.matchAll(/```ts\n(\/\/ examples\/[\w.-]+\.ts[\s\S]*?)```/g)) {
        const file = /^\/\/ (examples\/[\w.-]+\.ts)/.exec(body!)![1]!;
        expect(body, `${page} shows ${file} as it is (run \`npm run docs:sync -w @rqts/queue\`)`).toBe(readFileSync(`${root}/${file}`, "utf8"));
      }
    }
  });
});
