/**
 * The built app in a real browser: the worker and `next start` as separate processes (as a person runs
 * them), a throwaway Redis, the fake NASA API (a little slow, so progress shows), and Debian's chromium
 * driven by playwright-core. Needs `next build` first (turbo's `test` task depends on `build`).
 * Screenshots go to test-artifacts/.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath, freePort, startNextServer, startTsxScript, type AppProcess, saveScreenshot } from "@rqts/testing";
import { readConfig } from "../lib/config";
import { appQueues, type AppQueues } from "../lib/queues";
import { TASK_NAMES } from "../lib/task-names";
import { testEnv, useServers } from "./helpers";

const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const ctx = useServers({ latencyMs: 25 });
const processes: AppProcess[] = [];
let env: Record<string, string>;
let queues: AppQueues;
let browser: Browser;
let page: Page;
let webUrl: string;

beforeAll(async () => {
  env = testEnv(ctx, { MARS_ROVER_PHOTO_CONCURRENCY: "1" }); // one photo at a time: the cards fill up visibly
  queues = appQueues(ctx.redis, readConfig(env));
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  const [worker, web] = await Promise.all([
    startTsxScript("worker", "worker.ts", /Worker \S+ started on \S+-photos/, { appDir, env }),
    startNextServer(port, { appDir, env }),
  ]);
  processes.push(worker, web);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(webUrl);
  await page.locator(".connection.live").waitFor();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((child) => child.stop()));
});

const card = (sol: number) => page.locator("article.run", { has: page.getByRole("heading", { name: `Curiosity · sol ${sol} · all cameras` }) });

describe("the gallery, in a browser", () => {
  it("fetches sols from the form and shows each run's photos as they are processed, then its summary", async () => {
    // Record every "k of n photos processed" the page shows, to see the live updates, not only the end.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => document.querySelectorAll("article.run .count").forEach((node) => seen.push(node.textContent ?? ""))).observe(document.body, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await page.getByLabel("Rover", { exact: true }).selectOption("curiosity");
    await page.getByLabel("Sols").fill("1002..1003");
    await page.getByRole("button", { name: "Fetch", exact: true }).click();

    for (const [sol, photos] of [[1002, 7], [1003, 30]] as const) {
      await expect.poll(() => card(sol).getAttribute("data-summary-status"), { timeout: 30_000 }).toBe("finished");
      expect(await card(sol).locator("ul.thumbnails img").count()).toBe(photos);
      expect(await card(sol).locator(".count").textContent()).toBe(`${photos} of ${photos} photos processed`);
      expect(await card(sol).getByRole("table", { name: "Summary" }).locator("tr", { hasText: "Photos" }).textContent()).toBe(`Photos${photos} of ${photos} processed`);
    }
    expect(await card(1003).locator(".random a").getAttribute("href")).toMatch(new RegExp(`^${ctx.nasa.url}/images/\\d+\\.png$`));
    const loaded = await card(1002).locator("ul.thumbnails img").first().evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth));
    expect(loaded).toBeGreaterThan(0); // the photo itself, from the fake's image host

    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((text) => /^([1-9]|[12]\d) of 30 photos processed$/.test(text))).toBe(true); // part-way, live
    await saveScreenshot(page, join(appDir, "test-artifacts", "gallery.png"));
  }, 60_000);

  it("schedules a fetch from the form, lists it, and cancels it with the Cancel button", async () => {
    await page.getByLabel("Sols").fill("1008");
    await page.getByRole("radio", { name: "In" }).check();
    await page.getByLabel("Delay").fill("1h");
    await page.getByRole("button", { name: "Fetch", exact: true }).click();
    const row = page.getByRole("table", { name: "Scheduled fetches" }).locator("tr", { hasText: "curiosity sol 1008" });
    await row.waitFor();
    const id = (await row.getAttribute("data-job-id"))!;
    expect(await card(1008).getAttribute("data-status")).toBe("scheduled");
    await row.getByRole("button", { name: "Cancel" }).click();
    await row.waitFor({ state: "detached" });
    expect(await (await queues.api.fetchJob(id))?.getStatus()).toBe("canceled");
    expect(await card(1008).getAttribute("data-status")).toBe("canceled");
    await page.getByRole("radio", { name: "Now" }).check();
  });

  it("adds a cron entry for a rover's latest photos, shows its next run, and removes it", async () => {
    await page.getByLabel("Rover for the cron entry").selectOption("perseverance");
    await page.getByLabel("Cron pattern").fill("15 7 * * *");
    await page.getByRole("button", { name: "Add" }).click();
    const row = page.getByRole("table", { name: "Cron entries" }).locator('tr[data-entry-id="latest-perseverance"]');
    await expect.poll(() => row.textContent()).toMatch(/^15 7 \* \* \* \(UTC\)perseverance\s+· next \d{4}-\d\d-\d\d 07:15:00 UTC/);
    expect((await queues.api.cronEntries.get("latest-perseverance"))?.pattern).toBe("15 7 * * *");
    await row.getByRole("button", { name: "Remove" }).click();
    await row.waitFor({ state: "detached" });
    expect(await queues.api.cronEntries.get("latest-perseverance")).toBeNull();
  });

  it("shows why input is refused", async () => {
    await page.getByLabel("Sols").fill("one thousand");
    await page.getByRole("button", { name: "Fetch", exact: true }).click();
    await expect.poll(() => page.locator("form.panel p.problem").textContent()).toBe('sols must be a whole number from 0 to 100000 (a Martian day of the mission); got "one thousand"');
    await page.getByLabel("Sols").fill("1000");
    await page.getByRole("radio", { name: "At" }).check();
    await page.getByRole("button", { name: "Fetch", exact: true }).click(); // no time chosen: not "now"
    await expect.poll(() => page.locator("form.panel p.problem").textContent()).toBe("Choose a time (in your browser's time zone; it is sent as UTC)");
    await page.getByRole("radio", { name: "Now" }).check();
  });

  it("shows job data as text: markup in a job's arguments is never run", async () => {
    const hostile = `<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>`;
    const job = await queues.api.enqueue(TASK_NAMES.fetchSol, ["curiosity", 1000, hostile]); // straight into Redis, as any producer could
    await expect(job.waitForResult({ timeout: "20s" })).rejects.toThrow(/cameras are/);
    await page.reload();
    await page.locator(".connection.live").waitFor();
    const failed = page.locator(`article.run[data-run-id="${job.id}"]`);
    // The error quotes the argument (cut short): the markup shows as text.
    await expect.poll(() => failed.locator(".error").textContent(), { timeout: 10_000 }).toContain('got "<img src=x onerror=\\"window.hacked=1\\"><sc');
    expect(await page.evaluate(() => [document.querySelectorAll('img[src="x"]').length, (window as { hacked?: number }).hacked ?? null])).toEqual([0, null]);
  });

  it("refuses a POST from another origin (CSRF) and enqueues nothing", async () => {
    const before = await queues.api.count();
    const response = await fetch(`${webUrl}/fetches`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ rover: "curiosity", sols: "1000..1009" }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { message: string }).message).toMatch(/cannot change anything .*\(CSRF protection\)/);
    expect(await queues.api.count()).toBe(before);
  });

  it("asks for credentials everywhere when MARS_ROVER_BASIC_AUTH is set", async () => {
    const port = await freePort();
    processes.push(await startNextServer(port, { appDir, env: { ...env, MARS_ROVER_BASIC_AUTH: "ada:lovelace" } }));
    const origin = `http://127.0.0.1:${port}`;
    const anonymous = await fetch(`${origin}/`);
    expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="mars-rover", charset="UTF-8"']);
    expect((await fetch(`${origin}/schedule`)).status).toBe(401);
    const authorization = `Basic ${Buffer.from("ada:lovelace").toString("base64")}`;
    expect((await fetch(`${origin}/`, { headers: { authorization } })).status).toBe(200);
  });
});
