/**
 * The built app in a real browser: the worker and `next start` as separate processes (as a person runs
 * them), a throwaway Redis, the fixture bookshelf, and Debian's chromium driven by playwright-core.
 * Needs `next build` first (turbo's `test` task depends on `build`). Screenshots go to test-artifacts/.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Queue } from "@rqts/queue";
import { CHROMIUM_ARGS, chromiumPath, freePort, startNextServer, startTsxScript, type AppProcess, saveScreenshot } from "@rqts/testing";
import { scraperKeys } from "../lib/keys";
import { testEnv, useServers } from "./helpers";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const ARTIFACTS = join(APP_DIR, "test-artifacts");

// The slow sample page takes 1.8 s: long enough to see the batch part-way done.
const ctx = useServers({ slowPageDelayMs: 1800 });
const processes: AppProcess[] = [];
let env: Record<string, string>;
let browser: Browser;
let page: Page;
let webUrl: string;

beforeAll(async () => {
  env = testEnv(ctx, { GOODREADS_SCRAPER_RATE_LIMIT: "10/1s", GOODREADS_SCRAPER_FETCH_TIMEOUT_MS: "5000" });
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  const [worker, web] = await Promise.all([
    startTsxScript("worker", "worker.ts", /Worker \S+ started on/, { appDir: APP_DIR, env }),
    startNextServer(port, { appDir: APP_DIR, env }),
  ]);
  processes.push(worker, web);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage();
  await page.goto(webUrl);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((child) => child.stop()));
});

describe("the goodreads-scraper page, in a browser", () => {
  it("scrapes the sample URLs: live progress, then a results table with every outcome and the export's links", async () => {
    // Record every progress text the page shows, to see it change while the batch runs, not only at the end.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const text = document.querySelector(".done-count")?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole("button", { name: "Fill in sample URLs" }).click();
    await page.getByRole("button", { name: "Scrape" }).click();
    await expect.poll(() => page.locator(".receipt").textContent()).toBe("7 book(s) scheduled: 7 new, 0 already scheduled or scraped, 0 retried");
    await page.getByRole("link", { name: "Download CSV" }).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, join(ARTIFACTS, "batch-done.png"));

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.at(-1)).toBe("7 of 7 pages done");
    expect(seen.some((text) => text !== "7 of 7 pages done")).toBe(true); // it was shown part-way, live

    const rows = page.locator("table.books tbody tr");
    const statuses = await rows.evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-url")?.replace(/^.*\/book\/show\//, ""), tr.getAttribute("data-status")]));
    expect(statuses).toEqual([
      ["1101", "finished"],
      ["1102", "finished"],
      ["1103", "finished"],
      ["1104", "finished"],
      ["1111", "finished"],
      ["9001", "failed"],
      ["4040", "failed"],
    ]);
    expect(await rows.locator(".title").allTextContents()).toEqual([
      "The Cartographer of Low Tide",
      "Seven Bells for the Salt Road",
      'Bread & Circuits: "Recipes" for <Small> Robots',
      "The Lantern Atlas",
      "The Understudy's Almanac",
    ]);
    expect(await page.locator('tr[data-status="failed"] .error').allTextContents()).toEqual([
      expect.stringMatching(/^BookParseError: .*\/book\/show\/9001: not a readable book page: no author found/),
      expect.stringMatching(/^PageUnavailableError: .*\/book\/show\/4040: answered HTTP 404/),
    ]);
    // Scraped text is shown as text: the "<Small>" of a title never becomes an element.
    expect(await page.evaluate(() => document.querySelectorAll("main small").length)).toBe(0);
    expect(await page.locator(".export").textContent()).toMatch(/^Export ready: 5 scraped, 2 failed\./);

    const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    const csv = await fetch(new URL(csvHref!, webUrl));
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename="books-[0-9a-f]{32}\.csv"$/);
    expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(1 + 7);
  });

  it("shows the same batch again after a reload: the address names it", async () => {
    expect(page.url()).toMatch(/\?batch=[0-9a-f]{32}$/);
    await page.reload();
    await page.getByRole("link", { name: "Download JSON" }).waitFor({ timeout: 10_000 });
    expect(await page.locator("table.books tbody tr").count()).toBe(7);
  });

  it("refuses a list with URLs of other sites, showing each reason, and schedules nothing", async () => {
    await page.getByLabel("Book URLs, one per line").fill(`${ctx.shelf.url}/book/show/1105\nhttps://www.goodreads.com/book/show/1\nhttp://169.254.169.254/latest`);
    await page.getByRole("button", { name: "Scrape" }).click();
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.locator("p").textContent()).toMatch(/^Nothing was scheduled: URL 2 is refused: https:\/\/www\.goodreads\.com is not an allowed site/);
    expect(await alert.locator("li").allTextContents()).toEqual([
      expect.stringMatching(/^line 2: https:\/\/www\.goodreads\.com is not an allowed site/),
      expect.stringMatching(/^line 3: http:\/\/169\.254\.169\.254 is not an allowed site/),
    ]);
    await saveScreenshot(page, join(ARTIFACTS, "refused.png"));
    const keys = scraperKeys(env.GOODREADS_SCRAPER_NAMESPACE!);
    expect(await new Queue(keys.pagesQueue(new URL(ctx.shelf.url).host), { connection: ctx.redis }).jobIds()).not.toContain(keys.pageJobId(`${ctx.shelf.url}/book/show/1105`));
  });

  it("refuses a POST sent by another site's page (CSRF) and enqueues nothing", async () => {
    const keys = scraperKeys(env.GOODREADS_SCRAPER_NAMESPACE!);
    const before = await ctx.redis.keys(`${env.GOODREADS_SCRAPER_NAMESPACE}:batch:*`);
    const response = await fetch(`${webUrl}/api/batches`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "text/plain" },
      body: `${ctx.shelf.url}/book/show/1112`,
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/^Refused: a page of https:\/\/evil\.example cannot submit to .* \(CSRF protection\)$/);
    expect(await ctx.redis.keys(`${env.GOODREADS_SCRAPER_NAMESPACE}:batch:*`)).toEqual(before);
    expect(await ctx.redis.exists(`rq:job:${keys.pageJobId(`${ctx.shelf.url}/book/show/1112`)}`)).toBe(0);
  });

  it("asks for credentials on every page and route when GOODREADS_SCRAPER_BASIC_AUTH is set", async () => {
    const port = await freePort();
    processes.push(await startNextServer(port, { appDir: APP_DIR, env: { ...env, GOODREADS_SCRAPER_BASIC_AUTH: "ada:lovelace" } }));
    const origin = `http://127.0.0.1:${port}`;
    const anonymous = await fetch(`${origin}/`);
    expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="goodreads-scraper", charset="UTF-8"']);
    expect((await fetch(`${origin}/api/books?url=x`)).status).toBe(401);
    const authorization = `Basic ${Buffer.from("ada:lovelace").toString("base64")}`;
    expect((await fetch(`${origin}/`, { headers: { authorization } })).status).toBe(200);
  });
});
