/**
 * Makes docs/screenshot.png, the README's picture: a throwaway Redis with a few queues filled and run
 * by real rqts workers, the production build, and chromium.
 *
 *   npm run build -w @rqts/dashboard && npm run screenshot -w @rqts/dashboard
 */
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { Inspector, Queue, Worker } from "@rqts/queue";
import { startRedis } from "@rqts/testing";
import { startDashboard } from "../test/dashboard-server";
import { seedQueue } from "../test/fixtures/seed";
import { add, allTasks, fail, progress } from "../test/fixtures/tasks";

const OUTPUT = fileURLToPath(new URL("../docs/screenshot.png", import.meta.url));
const redis = await startRedis();
const connection = redis.client();
let dashboard: Awaited<ReturnType<typeof startDashboard>> | undefined;
let idle: Worker | undefined;
let idleRun: Promise<void> | undefined;
try {
  await seedQueue(connection, "reports");
  const emails = new Queue("emails", { connection });
  await emails.enqueueMany(Array.from({ length: 240 }, (_, i) => ({ task: i % 12 === 0 ? fail : add, args: i % 12 === 0 ? ["SMTP 451: try again later"] : [i, 1] })));
  await new Worker("emails", { connection, tasks: allTasks, concurrency: 8, logger: false, handleSignals: false }).run({ burst: true });
  await emails.enqueueMany(Array.from({ length: 37 }, (_, i) => ({ task: add, args: [i, 2] })));
  await new Queue("thumbnails", { connection }).enqueueMany(Array.from({ length: 12 }, () => ({ task: progress, args: [0.5] })));
  // An idle worker on a queue of its own, so the overview shows one registered.
  idle = new Worker("maintenance", { connection, tasks: allTasks, name: "web-1.worker", logger: false, handleSignals: false, dequeueTimeout: "1s" });
  idleRun = idle.run();
  while ((await new Inspector(connection).workers()).workers.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  dashboard = await startDashboard({ REDIS_URL: redis.url, DASHBOARD_USER: "admin", DASHBOARD_PASSWORD: "screenshot-only" });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage({ httpCredentials: { username: "admin", password: "screenshot-only" }, viewport: { width: 1100, height: 640 } });
  await page.goto(`${dashboard.url}/0`);
  await page.screenshot({ path: OUTPUT });
  await browser.close();
  console.log(`Wrote ${OUTPUT}`);
} finally {
  idle?.stop();
  await idleRun;
  await dashboard?.stop();
  await redis.stop();
}
