/**
 * The production build in Debian's chromium (playwright-core): `next start` against a throwaway Redis
 * seeded by real rqts workers. Screenshots go to test-artifacts/. Needs `next build` first (turbo's
 * `test` task depends on `build`).
 */
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inspector, Queue, Worker, keys } from "@rqts/queue";
import { eventually, freePort, saveScreenshot } from "@rqts/testing";
import { useRedis } from "@rqts/testing/vitest";
import { APP_DIR, startDashboard, type DashboardServer } from "./dashboard-server";
import { seedQueue, XSS_ARGUMENT, XSS_ERROR, type SeededQueue } from "./fixtures/seed";
import { allTasks, flaky } from "./fixtures/tasks";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const ARTIFACTS = join(APP_DIR, "test-artifacts");
const USER = { username: "ada", password: "lovelace-and-babbage" };
const basicAuth = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString("base64")}`;

const ctx = useRedis();
let seeded: SeededQueue;
let flakyId: string;
let worker: Worker;
let working: Promise<void>;
let main: DashboardServer;
let readOnly: DashboardServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let evilSite: Server;
const consoleErrors: string[] = [];
const dialogs: string[] = [];
let answerDialogs: "accept" | "dismiss" = "accept";

const inspector = () => new Inspector(ctx.redis);
const shot = (name: string, target: Page = page) => saveScreenshot(target, join(ARTIFACTS, `${name}.png`));

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  seeded = await seedQueue(ctx.redis, "reports");
  // A worker that keeps running on "retries": it fails the flaky job once, and runs it again when requeued.
  worker = new Worker("retries", { connection: ctx.redis, tasks: allTasks, name: "retries-worker", logger: false, handleSignals: false, dequeueTimeout: "1s" });
  working = worker.run();
  flakyId = (await new Queue("retries", { connection: ctx.redis }).enqueue(flaky, [])).id;
  await eventually(() => inspector().job(flakyId), (job) => job.status === "failed");

  [main, readOnly] = await Promise.all([
    startDashboard({
      DASHBOARD_REDIS_URLS: `${ctx.server.url}/0,${ctx.server.url}/1`,
      DASHBOARD_USER: USER.username,
      DASHBOARD_PASSWORD: USER.password,
      DASHBOARD_POLL_MS: "1000",
    }),
    startDashboard({ REDIS_URL: ctx.server.url }),
  ]);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  context = await browser.newContext({ httpCredentials: USER, viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void (answerDialogs === "accept" ? dialog.accept() : dialog.dismiss());
  });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([main?.stop(), readOnly?.stop()]);
  evilSite?.close();
  worker?.stop();
  await working;
});

describe("the dashboard in a browser", () => {
  it("shows every list's count of each queue and the workers on the overview", async () => {
    await page.goto(`${main.url}/0`);
    const row = page.locator('tr[data-queue="reports"]');
    const shown: Record<string, number> = {};
    for (const list of Object.keys(seeded.counts)) shown[list] = Number(await row.locator(`td[data-list="${list}"]`).textContent());
    expect(shown).toEqual(seeded.counts);
    expect(await page.locator('[data-tile="workers"] .value').textContent()).toBe("1");
    expect(await page.getByRole("img", { name: "Jobs per minute over the last 60 minutes: 4 finished, 4 failed" }).count()).toBe(1);
    await shot("overview");
  });

  it("lists workers with their queues, state and counts", async () => {
    await page.goto(`${main.url}/0/workers`);
    const row = page.locator('tr[data-worker="retries-worker"]');
    const cells = await row.locator("td").allTextContents();
    expect(cells[2]).toBe(String(process.pid));
    expect(cells[3]).toBe("retries");
    expect(["idle", "busy"]).toContain(cells[4]);
    expect(cells[8]).toBe("1"); // failed: the flaky job's first run
    await shot("workers");
  });

  it("shows a job's call, arguments, result, meta progress and history", async () => {
    await page.goto(`${main.url}/0/jobs/${seeded.ids.progress}`);
    expect(await page.getByLabel("Call string").textContent()).toBe("dashboard.progress(0.4)");
    expect(await page.getByLabel("Return value").textContent()).toBe("0.4");
    expect(await page.getByLabel("Progress").getAttribute("value")).toBe("0.4");
    expect(JSON.parse((await page.getByLabel("Meta as JSON").textContent()) ?? "")).toEqual({ owner: "reports", progress: 0.4 });
    expect(await page.getByRole("table", { name: "Result history" }).locator("tbody tr").count()).toBe(1);

    await page.goto(`${main.url}/0/jobs/${seeded.ids.deferred}`);
    expect(await page.getByRole("list", { name: "Dependencies" }).textContent()).toBe(`${seeded.ids.queued[0]} queued`);
    await shot("job-deferred");
  });

  it("shows a failed job's traceback", async () => {
    await page.goto(`${main.url}/0/jobs/${seeded.ids.failed[0]}`);
    expect(await page.getByLabel("Traceback").textContent()).toMatch(/TypeError: division by zero\s*$/);
    await shot("job-failed");
  });

  it("requeues a failed job from its page, and the worker runs it again (seen live)", async () => {
    await page.goto(`${main.url}/0/jobs/${flakyId}`);
    await page.getByRole("button", { name: "Requeue" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(`Requeued job ${flakyId}`);
    // No reload: the page's live refresh shows the second run's result.
    await page.getByLabel("Return value").waitFor({ timeout: 20_000 });
    expect(await page.getByLabel("Return value").textContent()).toBe('"succeeded when run again"');
    expect(await page.locator("h1 .status").textContent()).toBe("finished");
    expect((await inspector().job(flakyId)).results.map((result) => result.type)).toEqual(["successful", "failed"]);
    await shot("requeued");
  });

  it("asks before deleting, keeps the job when the answer is no, and deletes it when yes", async () => {
    const id = seeded.ids.queued[3]!;
    await page.goto(`${main.url}/0/jobs/${id}`);
    answerDialogs = "dismiss";
    await page.getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => dialogs.at(-1)).toBe("Delete this job and its results? This cannot be undone.");
    expect((await inspector().job(id)).status).toBe("queued");

    answerDialogs = "accept";
    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${main.url}/0/queues/reports/queued`);
    await expect(inspector().job(id)).rejects.toThrow(/^No job with id/);
  });

  it("pages through a job list and finds a job by id", async () => {
    await page.goto(`${main.url}/0/queues/reports/finished?perPage=2`);
    expect(await page.locator("tbody tr").count()).toBe(2);
    await page.getByRole("link", { name: "Next ›" }).click();
    await page.waitForURL(/page=2/);
    expect(await page.locator("tbody tr").count()).toBe(2);
    const ids = await page.locator("tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-job-id")));
    expect(ids.every((id) => seeded.ids.finished.includes(id ?? ""))).toBe(true);

    await page.getByLabel("Find a job by id").fill(seeded.ids.canceled);
    await page.getByRole("button", { name: "Find" }).click();
    await page.waitForURL(`${main.url}/0/jobs/${seeded.ids.canceled}`);
    expect(await page.locator("h1 .status").textContent()).toBe("canceled");
  });

  it("shows markup in job data as text and runs none of it (XSS probe)", async () => {
    await page.goto(`${main.url}/0/jobs/${seeded.ids.xss}`);
    expect(JSON.parse((await page.getByLabel("Arguments").textContent()) ?? "")).toEqual([XSS_ARGUMENT]);
    await page.goto(`${main.url}/0/queues/reports/queued`);
    // The call string quotes the argument Python-style; the markup itself must show as text.
    await page.locator(`tr[data-job-id="${seeded.ids.xss}"] td.description`).getByText('<img src=x onerror="window.__xss=1;').waitFor();
    await page.goto(`${main.url}/0/queues/reports/failed`);
    await page.getByText(`TypeError: ${XSS_ERROR}`).waitFor();
    await shot("xss-probe");
    expect(await page.evaluate(() => [document.querySelectorAll("img").length, document.querySelectorAll("main script").length])).toEqual([0, 0]);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss ?? null)).toBeNull();
    expect(dialogs.filter((message) => message.includes("xss"))).toEqual([]);
  });

  it("switches between the configured Redis instances", async () => {
    await page.goto(`${main.url}/0`);
    await page.getByRole("link", { name: `${ctx.server.url}/1` }).click();
    await page.waitForURL(`${main.url}/1`);
    expect(await page.getByText("No queues yet").count()).toBe(1);
  });

  it("pauses and resumes live updates", async () => {
    await page.goto(`${main.url}/0`);
    const readAt = () => page.locator("footer.read-at").textContent();
    const first = await readAt();
    await expect.poll(readAt, { timeout: 15_000 }).not.toBe(first); // refreshed on its own
    await page.getByRole("button", { name: "Live — pause" }).click();
    // a refresh already under way when the button was clicked may still land: let it, then watch
    await page.waitForTimeout(1500);
    const paused = await readAt();
    await page.waitForTimeout(2500); // two and a half poll intervals: no refresh may happen
    expect(await readAt()).toBe(paused);
    await page.getByRole("button", { name: /resume/ }).click();
    await expect.poll(readAt, { timeout: 15_000 }).not.toBe(paused);
  });

  it("logged no error and ran no dialog but the delete confirmations", () => {
    expect(consoleErrors).toEqual([]);
    expect(dialogs.every((message) => message.startsWith("Delete this job"))).toBe(true);
  });
});

describe("the dashboard's guards", () => {
  it("refuses pages and actions without credentials (401)", async () => {
    const anonymous = await fetch(`${main.url}/0`);
    expect([anonymous.status, anonymous.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="rqts dashboard", charset="UTF-8"']);
    const action = await fetch(`${main.url}/0/actions`, { method: "POST", body: new URLSearchParams({ action: "suspend" }) });
    expect(action.status).toBe(401);
    expect(await inspector().isSuspended()).toBe(false);
  });

  it("refuses a POST forged by another site, even in a signed-in browser (CSRF)", async () => {
    const before = await new Queue("reports", { connection: ctx.redis }).count();
    const evilPort = await freePort();
    const target = `${main.origin}/0/actions`;
    evilSite = createServer((_, response) => {
      response.setHeader("Content-Type", "text/html");
      response.end(`<form method="post" action="${target}"><input name="action" value="empty"><input name="queue" value="reports"><input name="list" value="queued"></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => evilSite.listen(evilPort, "127.0.0.1", resolve));

    const victim = await browser.newContext({ httpCredentials: USER });
    const victimPage = await victim.newPage();
    await victimPage.goto(`${main.url}/0`); // signed in, with a session cookie
    const forged = victimPage.waitForResponse(target);
    await victimPage.goto(`http://localhost:${evilPort}/`); // another site (localhost ≠ 127.0.0.1)
    expect((await forged).status()).toBe(403);
    expect(await victimPage.locator("body").textContent()).toMatch(/CSRF protection/);
    await shot("csrf-refused", victimPage);
    await victim.close();

    // The same post from a script with valid credentials, from another origin or without the session's token.
    const fromElsewhere = await fetch(target, { method: "POST", headers: { authorization: basicAuth, origin: "http://evil.example" }, body: new URLSearchParams({ action: "empty", queue: "reports", list: "queued" }) });
    expect(fromElsewhere.status).toBe(403);
    const withoutToken = await fetch(target, { method: "POST", headers: { authorization: basicAuth, origin: main.origin }, body: new URLSearchParams({ action: "empty", queue: "reports", list: "queued" }) });
    expect([withoutToken.status, await withoutToken.text()]).toEqual([403, expect.stringMatching(/CSRF token is missing/)]);
    expect(await new Queue("reports", { connection: ctx.redis }).count()).toBe(before);
  });

  it("hides and refuses every action in read-only mode", async () => {
    const reader = await browser.newContext();
    const readerPage = await reader.newPage();
    await readerPage.goto(`${readOnly.url}/0/queues/reports/failed`);
    expect(await readerPage.getByRole("note").textContent()).toMatch(/^Read-only: no credentials are configured/);
    expect(await readerPage.locator("tbody tr").count()).toBeGreaterThan(0);
    expect(await readerPage.locator("form.action").count()).toBe(0);
    await shot("read-only", readerPage);
    await reader.close();
    const refused = await fetch(`${readOnly.url}/0/actions`, { method: "POST", headers: { accept: "application/json" }, body: new URLSearchParams({ action: "suspend" }) });
    expect([refused.status, (await refused.json()).message]).toEqual([403, expect.stringMatching(/^This dashboard is read-only/)]);
    expect(await inspector().isSuspended()).toBe(false);
  });
});

describe("hostile job hashes (written straight into Redis, as a buggy producer or an attacker could)", () => {
  it("render as text on the job page and in the lists, never as a server error", async () => {
    const queue = "hostile";
    const bad: Array<[string, Record<string, string | Buffer>]> = [
      ["garbage-data", { data: Buffer.from([0x78, 0x9c, 0xff, 0x00, 0x13]), status: "queued", origin: queue }],
      ["not-json-meta", { data: Buffer.from('["t.x", null, [], {}]'), meta: "{not json", status: "failed", origin: queue }],
      ["odd-fields", { data: Buffer.from('["t.x", null, "args", 5]'), timeout: "soon", result_ttl: "1e400", created_at: "yesterday", status: "weird", origin: queue }],
      ["control-chars", { data: Buffer.from('["t.x", null, [], {}]'), description: "\u001b[2J<b>\u0000" + "x".repeat(50_000), status: "queued", origin: queue }],
      ["no-fields-but-status", { status: "started" }],
    ];
    for (const [id, hash] of bad) {
      await ctx.redis.hset(keys.job(id), hash);
      await ctx.redis.rpush(keys.queue(queue), id);
    }
    await ctx.redis.sadd(keys.queues(), keys.queue(queue));
    await ctx.redis.xadd(keys.results("not-json-meta"), "*", "type", "2", "exc_string", "%%%not base64%%%");
    const get = (path: string) => fetch(`${main.url}${path}`, { headers: { authorization: basicAuth } });
    for (const [id] of bad) {
      const response = await get(`/0/jobs/${id}`);
      const body = await response.text();
      expect(response.status, id).toBe(200);
      expect(body, id).toContain(id);
      expect(body, id).not.toContain("<b>"); // markup from Redis stays text
    }
    for (const path of [`/0/queues/${queue}/queued`, "/0"]) expect((await get(path)).status, path).toBe(200);
  });
});
