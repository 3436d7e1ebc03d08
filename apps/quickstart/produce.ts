/**
 * The producer's side, shared by `producer.ts` and the demo: enqueue a handful of jobs, wait for each
 * one's result, print it, then print how many jobs the queue's finished and failed registries hold.
 */
import { isDeepStrictEqual } from "node:util";
import { JobFailedError, ResultTimeoutError, type Job, type Queue } from "@rqts/queue";
import { alwaysFails, countWords, slowSquare } from "./tasks.js";

/** Where report lines go: `console.log` in the scripts, an array in the test. */
export type Log = (line: string) => void;

/** What one job did, next to what the quickstart expects of it. */
export interface JobReport {
  /** The call as text, e.g. `quickstart.slow-square(7)`. */
  call: string;
  jobId: string;
  /** `finished` (with `value`), `failed` (with `error`, the error's last line) or `no result` in time. */
  outcome: "finished" | "failed" | "no result";
  value?: unknown;
  error?: string;
  /** The progress the job last stored in its meta, if any. */
  progress?: unknown;
  /** Whether this is the expected outcome (count-words and slow-square succeed, always-fails fails). */
  asExpected: boolean;
}

export interface ProduceReport {
  /** True when every job ended as expected. */
  ok: boolean;
  jobs: JobReport[];
  /** How many jobs the queue's finished / failed registries hold afterwards (earlier runs' too, on a shared queue). */
  finishedCount: number;
  failedCount: number;
}

/** How long the producer waits for each result before it gives up on that job. */
const RESULT_TIMEOUT = "30s";

interface Planned {
  job: Job;
  expected: { value: unknown } | { error: string };
}

/** Enqueues the quickstart's jobs on `queue`, waits for them and reports; a worker must be running. */
export async function produceJobs(queue: Queue, log: Log): Promise<ProduceReport> {
  const planned: Planned[] = [
    { job: await queue.enqueue(countWords, ["The quick brown fox jumps over the lazy dog"]), expected: { value: 9 } },
    { job: await queue.enqueue(countWords, ["To be, or not to be, that is the question"]), expected: { value: 10 } },
    { job: await queue.enqueue(slowSquare, [7]), expected: { value: 49 } },
    { job: await queue.enqueue(slowSquare, [12, 3]), expected: { value: 144 } },
    { job: await queue.enqueue(alwaysFails, ["to show a failure"]), expected: { error: "Error: failing on purpose: to show a failure" } },
  ];
  log(`Enqueued ${planned.length} jobs on queue "${queue.name}"; waiting for their results:`);

  // Wait for all at once: they run in parallel, and with no worker the wait is 30 s in all, not per job.
  const jobs = await Promise.all(planned.map(({ job, expected }) => settle(job, expected)));
  for (const report of jobs) log(`  ${report.asExpected ? "" : "UNEXPECTED "}${describe(report)}`);

  const [finishedCount, failedCount] = await Promise.all([queue.finished.count(), queue.failed.count()]);
  log(`Registries of "${queue.name}": ${finishedCount} finished, ${failedCount} failed`);
  return { ok: jobs.every((j) => j.asExpected), jobs, finishedCount, failedCount };
}

async function settle(job: Job, expected: Planned["expected"]): Promise<JobReport> {
  const call = `${job.taskName}(${job.args.map((arg) => JSON.stringify(arg)).join(", ")})`;
  const base = { call, jobId: job.id };
  let report: JobReport;
  try {
    const value = await job.waitForResult({ timeout: RESULT_TIMEOUT });
    report = { ...base, outcome: "finished", value, asExpected: "value" in expected && isDeepStrictEqual(value, expected.value) };
  } catch (error) {
    if (error instanceof JobFailedError) {
      // The stored error text ends with `Name: message`, like a Python traceback.
      const last = error.excString.trimEnd().split("\n").pop() ?? "";
      report = { ...base, outcome: "failed", error: last, asExpected: "error" in expected && last === expected.error };
    } else if (error instanceof ResultTimeoutError) {
      const hint = `no result within ${RESULT_TIMEOUT}: is a worker running on "${job.origin}"? (npm run worker)`;
      report = { ...base, outcome: "no result", error: hint, asExpected: false };
    } else {
      throw error;
    }
  }
  await job.refresh();
  if (job.meta.progress !== undefined) report.progress = job.meta.progress;
  return report;
}

function describe(report: JobReport): string {
  const progress = typeof report.progress === "number" ? ` (progress ${Math.round(report.progress * 100)}%)` : "";
  switch (report.outcome) {
    case "finished":
      return `${report.call} → ${JSON.stringify(report.value)}${progress}`;
    case "failed":
      return `${report.call} → failed${report.asExpected ? " (on purpose)" : ""}: ${report.error}`;
    case "no result":
      return `${report.call} → ${report.error}`;
  }
}
