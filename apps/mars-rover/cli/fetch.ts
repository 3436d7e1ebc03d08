/**
 * `npm run fetch -w @rqts/mars-rover -- --rover curiosity --sols 1000..1009`: the producer of the
 * original tutorial. It enqueues one fetch job per sol and returns at once, printing the job ids; the
 * worker does the work (and prints a random photo per sol). `--in 30s` or `--at <ISO time>` schedules
 * the jobs instead; `--wait` stays to print each sol's summary once its photos are processed.
 */
import { Job } from "@rqts/queue";
import { enqueueFetches } from "../lib/enqueue-fetch";
import { fetchCallOf, describeFetch } from "../lib/fetch-call";
import type { FetchResult } from "../lib/fetch-run";
import { parseFetchRequest } from "../lib/fetch-request";
import { dueTime } from "../lib/schedule";
import { summaryLine, type SolSummary } from "../lib/summary";
import { fetchLine, oneLine } from "../lib/worker-log";
import { readCommandLine, runCommand } from "./command";

const USAGE = `usage: npm run fetch -w @rqts/mars-rover -- --rover NAME --sols 1000..1009 [--camera NAME] [--in 30s | --at 2030-01-31T09:00:00Z] [--wait]`;

const { values } = readCommandLine(
  {
    rover: { type: "string", default: "curiosity" },
    sols: { type: "string" },
    camera: { type: "string" },
    in: { type: "string" },
    at: { type: "string" },
    wait: { type: "boolean", default: false },
  },
  USAGE,
);

await runCommand(USAGE, async ({ config, redis, queues }) => {
  const request = parseFetchRequest(values);
  const started = performance.now();
  // #region produce
  const jobs = await enqueueFetches(queues.api, request, config);
  const took = Math.round(performance.now() - started);
  const now = request.when.kind === "now";
  for (const job of jobs) {
    const what = describeFetch(fetchCallOf(job)!);
    const due = now ? "" : `, due ${(await dueTime(queues.api, job.id)) ?? "now (already queued)"}`;
    console.log(`${now ? "Enqueued" : "Scheduled"} fetch of ${what} as job ${job.id}${due}`);
  }
  console.log(`${jobs.length} job(s) ${now ? "enqueued" : "scheduled"} on ${queues.api.name} in ${took} ms; the worker takes it from here.`);
  // #endregion produce
  if (!values.wait) return;
  let attempts = 0;
  for (const job of jobs) {
    const result = (await job.waitForResult({ timeout: "10m" })) as FetchResult;
    attempts += (await job.refresh()).attempts;
    console.log(oneLine(fetchLine(result)));
    if (!result.summaryJobId) continue;
    const summary = (await (await Job.fetch(redis, result.summaryJobId)).waitForResult({ timeout: "10m" })) as SolSummary;
    console.log(oneLine(summaryLine(summary)));
  }
  // Attempts beyond one per job are retries: after a 429 or a 5xx, with backoff.
  console.log(`All ${jobs.length} fetch(es) finished, in ${attempts} attempt(s)${attempts === jobs.length ? " (no retries)" : ""}`);
});
