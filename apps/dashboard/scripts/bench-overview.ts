/**
 * Measures the dashboard on big queues: a throwaway Redis holding 100,000 queued jobs (enqueueMany)
 * and 100,000 failed ones (run and failed by a real rqts worker), served by the production build.
 * Prints how long the overview, a failed-list page (first and last) and a job page take, on the
 * server (full HTML response) and in chromium (navigation until `load`). Speed is measured here, never
 * asserted in tests.
 *
 *   npm run build -w @rqts/dashboard && npm run bench -w @rqts/dashboard [-- --jobs 100000]
 */
import { chromium } from "playwright-core";
import { Queue, Worker } from "@rqts/queue";
import { startRedis } from "@rqts/testing";
import { startDashboard } from "../test/dashboard-server";
import { add, allTasks, fail } from "../test/fixtures/tasks";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const jobsFlag = process.argv.indexOf("--jobs");
const JOBS = jobsFlag > 0 ? Number(process.argv[jobsFlag + 1]) : 100_000;
const RUNS = 5;
const BATCH = 10_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(run: () => Promise<unknown>): Promise<number> {
  await run(); // warm-up: first compile of the route, first connection
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function enqueueMany(queue: Queue, count: number, spec: (index: number) => { task: typeof add | typeof fail; args: unknown[] }): Promise<void> {
  for (let start = 0; start < count; start += BATCH) {
    const size = Math.min(BATCH, count - start);
    await queue.enqueueMany(Array.from({ length: size }, (_, i) => spec(start + i)) as Parameters<Queue["enqueueMany"]>[0]);
  }
}

const redisServer = await startRedis();
const connection = redisServer.client();
let dashboard: Awaited<ReturnType<typeof startDashboard>> | undefined;
let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
try {
  console.log(`Seeding ${JOBS.toLocaleString("en-US")} failed jobs (run by a real worker) and ${JOBS.toLocaleString("en-US")} queued jobs…`);
  const seedStart = performance.now();
  const failing = new Queue("big-failed", { connection });
  await enqueueMany(failing, JOBS, (i) => ({ task: fail, args: [`failure ${i}`] }));
  await new Worker("big-failed", { connection, tasks: allTasks, concurrency: 50, logger: false, handleSignals: false }).run({ burst: true });
  const queued = new Queue("big-queued", { connection });
  await enqueueMany(queued, JOBS, (i) => ({ task: add, args: [i, 1] }));
  const lastFailed = (await failing.failed.jobIds({ start: 0, end: 0 }))[0]!;
  console.log(`Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s: ${(await queued.count()).toLocaleString("en-US")} queued, ${(await failing.failed.count()).toLocaleString("en-US")} failed`);

  dashboard = await startDashboard({ REDIS_URL: redisServer.url });
  const pages = {
    overview: "/0",
    "failed list, page 1": "/0/queues/big-failed/failed",
    [`failed list, last page (${Math.ceil(JOBS / 20)})`]: `/0/queues/big-failed/failed?page=${Math.ceil(JOBS / 20)}`,
    "queued list, page 1": "/0/queues/big-queued/queued",
    "a failed job": `/0/jobs/${lastFailed}`,
  };
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const rows: Array<Record<string, string>> = [];
  for (const [name, path] of Object.entries(pages)) {
    const url = dashboard.url + path;
    const server = await timed(async () => {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await response.text();
    });
    const inBrowser = await timed(() => page.goto(url, { waitUntil: "load" }));
    rows.push({ page: name, "server (HTML complete)": `${server.toFixed(0)} ms`, "chromium (until load)": `${inBrowser.toFixed(0)} ms` });
  }
  console.log(`Median of ${RUNS} runs after one warm-up, ${new Date().toISOString()}:`);
  console.table(rows);
} finally {
  await browser?.close();
  await dashboard?.stop();
  await redisServer.stop();
}
