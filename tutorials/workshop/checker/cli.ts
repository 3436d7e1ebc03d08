/**
 * The workshop's checker: `npm run workshop -w @rqts/tutorials -- <exercise> [--solution]`.
 *
 * Starts a private redis-server (never the one on 6379), loads the learner's `tasks.ts` of the exercise
 * (or its `solution/tasks.ts`), runs each requirement of the exercise's `checks.ts` on a flushed Redis,
 * prints PASS or FAIL with the reason for each, and exits 0 only when every one passes (1 otherwise,
 * 2 for a wrong command line).
 */
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { startRedis } from "@rqts/testing";
import { NotDoneYet, type ExerciseChecks } from "./requirements.js";

const WORKSHOP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
/** A requirement that takes longer than this is reported as not done (a job that never ran, a hang). */
const REQUIREMENT_TIME_LIMIT_MS = 20_000;

function exercises(): string[] {
  return readdirSync(WORKSHOP_DIR).filter((name) => /^\d-[\w-]+$/.test(name) && existsSync(join(WORKSHOP_DIR, name, "checks.ts"))).sort();
}

function withTimeLimit<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NotDoneYet(`still not done after ${REQUIREMENT_TIME_LIMIT_MS / 1000} s: does a job wait for ever, or a promise never resolve?`)), REQUIREMENT_TIME_LIMIT_MS);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** The reason shown for a failed requirement: ours as written, anything else (the learner's own throw) with its type. */
function reason(error: unknown): string {
  if (error instanceof NotDoneYet) return error.message;
  const { name, message } = error as Error;
  return `your code threw ${name ?? "an error"}: ${message ?? String(error)}`;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { solution: { type: "boolean", default: false } } });
  const known = exercises();
  const exercise = known.find((name) => positionals[0] !== undefined && (name === positionals[0] || name.startsWith(`${positionals[0]}-`)));
  if (positionals.length !== 1 || !exercise) {
    console.error(`usage: npm run workshop -w @rqts/tutorials -- <exercise> [--solution]\nexercises: ${known.join(", ")}`);
    return 2;
  }
  const folder = join(WORKSHOP_DIR, exercise, ...(values.solution ? ["solution"] : []));
  console.log(`Checking ${exercise}${values.solution ? " (the solution)" : ""}: ${join(folder, "tasks.ts")}`);

  const redis = await startRedis();
  // The learner's tasks may open their own connection from REDIS_URL: point it at the private Redis first.
  process.env.REDIS_URL = redis.url;
  const connection = new Redis(redis.url);
  let failed = 0;
  try {
    const checks = (await import(pathToFileURL(join(WORKSHOP_DIR, exercise, "checks.ts")).href)) as { default: ExerciseChecks<unknown> };
    let module: unknown;
    try {
      module = await import(pathToFileURL(join(folder, "tasks.ts")).href);
    } catch (error) {
      console.log(`FAIL tasks.ts does not load: ${reason(error)}`);
      return 1;
    }
    for (const requirement of checks.default.requirements) {
      await connection.flushdb();
      try {
        await withTimeLimit(requirement.check(module, { connection }));
        console.log(`PASS ${requirement.title}`);
      } catch (error) {
        failed++;
        console.log(`FAIL ${requirement.title}\n     ${reason(error)}`);
      }
    }
    const total = checks.default.requirements.length;
    console.log(failed ? `${failed} of ${total} requirement(s) not met yet: see the TODOs in ${exercise}/tasks.ts` : `All ${total} requirements met: ${exercise} is done.`);
    return failed ? 1 : 0;
  } finally {
    connection.disconnect();
    await redis.stop();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`workshop checker: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
}
// A learner's task may leave a connection or timer open: the verdict is printed, so do not wait for them.
setTimeout(() => process.exit(), 100).unref();
