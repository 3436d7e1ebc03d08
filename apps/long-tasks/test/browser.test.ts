/**
 * The built app in a real browser: the worker and `next start` as separate processes (as a person runs
 * them), a throwaway Redis, the fixture pages server, and Debian's chromium driven by playwright-core.
 * Needs `next build` first (turbo's `test` task depends on `build`).
 */
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "@rqts/queue";
import { freePort, uniqueQueue } from "@rqts/testing";
import { startWeb, startWorker, type AppProcess } from "../lib/app-processes";
import { TASK_NAMES } from "../lib/task-catalog";
import { countPageWords } from "../lib/word-count";
import { useServers } from "./helpers";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

const ctx = useServers();
const queueName = uniqueQueue("long-tasks-test");
const processes: AppProcess[] = [];
let browser: Browser;
let page: Page;
let webUrl: string;

function appEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: ctx.server.url,
    LONG_TASKS_MODE: "demo",
    LONG_TASKS_PAGES_URL: ctx.pages.url,
    LONG_TASKS_QUEUE: queueName,
    LONG_TASKS_UNIT_MS: "60", // a short task: 10 steps of 60 ms, slow enough to watch
    ...extra,
  };
}

beforeAll(async () => {
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  const [worker, web] = await Promise.all([startWorker({ env: appEnv() }), startWeb(port, { env: appEnv() })]);
  processes.push(worker, web);
  browser = await chromium.launch({ executablePath: process.env.RQTS_CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(webUrl);
  await page.locator(".connection.live").waitFor(); // the live feed is connected
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((child) => child.stop()));
});

describe("the long-tasks page, in a browser", () => {
  it("shows a job enqueued by a button going from started, with its progress, to finished", async () => {
    // Record every status and percentage the table shows, to see the live updates, not only the end.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        for (const row of document.querySelectorAll("table.jobs tbody tr")) seen.push(`${row.getAttribute("data-status")} ${row.querySelector(".percent")?.textContent ?? "-"}`);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByRole("button", { name: "Short" }).click();
    const row = page.locator("table.jobs tbody tr").first();
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 10_000 }).toBe("finished");
    expect(await row.locator(".percent").textContent()).toBe("100%");
    expect(await row.locator("td").last().textContent()).toBe("true");

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((entry) => /^started [1-9]\d?%$/.test(entry))).toBe(true); // part-way, live
  });

  it("counts the words of a submitted URL and shows the top ten in a table", async () => {
    const url = `${ctx.pages.url}/articles/lighthouse-keeper.html`;
    const expected = countPageWords(await (await fetch(url)).text(), "text/html");
    await page.getByLabel("Count the words at").fill(url);
    await page.getByRole("button", { name: "Count words" }).click();

    const table = page.getByRole("table", { name: "Top 10 words" });
    await table.waitFor({ timeout: 10_000 });
    const rows = await table.locator("tbody tr").allTextContents();
    expect(rows).toEqual(expected.topWords.map(({ word, count }) => `${word}${count}`));
    expect(await table.locator("caption").textContent()).toMatch(new RegExp(`^${expected.totalWords} words, ${expected.distinctWords} different`));
  });

  it("shows a failing job's error, and a refused URL's reason", async () => {
    await page.getByRole("button", { name: "Fail" }).click();
    const failed = page.locator('table.jobs tbody tr[data-status="failed"]').first();
    await expect.poll(() => failed.locator(".error").textContent(), { timeout: 10_000 }).toBe(
      "Error: This task fails on purpose, to show how a failure looks",
    );

    await page.getByLabel("Count the words at").fill("https://example.org/");
    await page.getByRole("button", { name: "Count words" }).click();
    await expect.poll(() => page.locator("p.problem").textContent()).toMatch(/^In demo mode only pages of the fixture pages server/);
  });

  it("shows job data as text: markup in a job's arguments is never run", async () => {
    const queue = new Queue(queueName, { connection: ctx.redis });
    const hostile = `${ctx.pages.url}/"><img src=x onerror="window.hacked=1"><script>window.hacked=2</script>`;
    await queue.enqueue(TASK_NAMES.countWords, [hostile]); // straight into Redis, as any producer could
    await page.reload();
    await page.locator(".connection.live").waitFor();
    await expect.poll(() => page.getByText(`word count of ${hostile}`).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.evaluate(() => [document.querySelectorAll("img").length, (window as { hacked?: number }).hacked ?? null])).toEqual([0, null]);
  });

  it("refuses a POST from another origin (CSRF) and enqueues nothing", async () => {
    const queue = new Queue(queueName, { connection: ctx.redis });
    const before = await queue.count();
    const response = await fetch(`${webUrl}/tasks`, { method: "POST", headers: { Origin: "https://evil.example" }, body: new URLSearchParams({ type: "long" }) });
    expect(response.status).toBe(403);
    expect((await response.json()).message).toMatch(/cannot change anything .*\(CSRF protection\)/);
    expect(await queue.count()).toBe(before);
  });

  it("asks for credentials everywhere when LONG_TASKS_BASIC_AUTH is set", async () => {
    const port = await freePort();
    const guarded = await startWeb(port, { env: appEnv({ LONG_TASKS_BASIC_AUTH: "ada:lovelace" }) });
    processes.push(guarded);
    const origin = `http://127.0.0.1:${port}`;
    const anonymous = await fetch(`${origin}/`);
    expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="long-tasks", charset="UTF-8"']);
    expect((await fetch(`${origin}/tasks/abc`)).status).toBe(401);
    const authorization = `Basic ${Buffer.from("ada:lovelace").toString("base64")}`;
    expect((await fetch(`${origin}/`, { headers: { authorization } })).status).toBe(200);
  });
});
