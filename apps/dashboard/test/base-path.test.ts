/**
 * The dashboard under a URL prefix, end to end: the production build made with
 * `DASHBOARD_BASE_PATH=/admin/rq` (`npm run build:base-path`, in .next-base-path/; turbo's `test` task
 * runs it first) against a throwaway Redis, over HTTP and in Debian's chromium (playwright-core).
 * Every page, link, asset, live refresh and action must stay under the prefix, and nothing may answer
 * at the root.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Inspector } from "@rqts/queue";
import { CHROMIUM_ARGS, chromiumPath, saveScreenshot } from "@rqts/testing";
import { useRedis } from "@rqts/testing/vitest";
import { SESSION_COOKIE } from "../lib/csrf";
import { APP_DIR, BASE_PATH_BUILD, startDashboard, type DashboardServer } from "./dashboard-server";
import { seedQueue, type SeededQueue } from "./fixtures/seed";

const PREFIX = BASE_PATH_BUILD.basePath;
const USER = { username: "ada", password: "lovelace-and-babbage" };
const basicAuth = `Basic ${Buffer.from(`${USER.username}:${USER.password}`).toString("base64")}`;
const ARTIFACTS = join(APP_DIR, "test-artifacts");

const ctx = useRedis();
let seeded: SeededQueue;
let dashboard: DashboardServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Every request the browser made to the dashboard, and every answer of 400 or more. */
const requested: string[] = [];
const failures: string[] = [];
const consoleErrors: string[] = [];

const inspector = () => new Inspector(ctx.redis);

/** A GET with the credentials (and a session cookie, if given), not following redirects. */
function get(path: string, cookie?: string): Promise<Response> {
  return fetch(`${dashboard.origin}${path}`, { headers: { authorization: basicAuth, ...(cookie ? { cookie } : {}) }, redirect: "manual" });
}

/** The values of one attribute on every element of some HTML that has it. */
function attributes(html: string, name: string): string[] {
  return [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, "g"))].map((match) => match[1]!.replaceAll("&amp;", "&"));
}

/** A fresh session: its cookie, as a browser would send it back, and the Set-Cookie that issued it. */
async function newSession(): Promise<{ cookie: string; setCookie: string }> {
  const response = await get(`${PREFIX}/0`);
  const setCookie = response.headers.get("set-cookie") ?? "";
  await response.body?.cancel();
  return { cookie: setCookie.split(";")[0]!, setCookie };
}

/** The fields of the action form `action` on the page at `path` (as served to the session `cookie`). */
async function actionForm(path: string, action: string, cookie: string): Promise<{ target: string; fields: Record<string, string> }> {
  const html = await (await get(path, cookie)).text();
  const form = [...html.matchAll(/<form[^>]*class="action"[^>]*>[\s\S]*?<\/form>/g)].map((match) => match[0]).find((markup) => markup.includes(`data-action="${action}"`));
  if (!form) throw new Error(`No "${action}" form on ${path}`);
  const fields = Object.fromEntries([...form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((match) => [match[1]!, match[2]!]));
  return { target: attributes(form, "action")[0]!, fields };
}

/** Posts a form as a browser without JavaScript does: same origin, session cookie, credentials. */
function post(target: string, fields: Record<string, string>, cookie: string, accept?: string): Promise<Response> {
  return fetch(`${dashboard.origin}${target}`, {
    method: "POST",
    headers: { authorization: basicAuth, cookie, origin: dashboard.origin, "sec-fetch-site": "same-origin", ...(accept ? { accept } : {}) },
    body: new URLSearchParams(fields),
    redirect: "manual",
  });
}

beforeAll(async () => {
  seeded = await seedQueue(ctx.redis, "reports");
  dashboard = await startDashboard({
    DASHBOARD_BASE_PATH: PREFIX,
    DASHBOARD_DIST_DIR: BASE_PATH_BUILD.distDir,
    REDIS_URL: ctx.server.url,
    DASHBOARD_USER: USER.username,
    DASHBOARD_PASSWORD: USER.password,
    DASHBOARD_POLL_MS: "1000",
  });
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? chromiumPath(), args: [...CHROMIUM_ARGS] });
  context = await browser.newContext({ httpCredentials: USER, viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.on("request", (request) => request.url().startsWith(dashboard.origin) && requested.push(`${request.method()} ${request.url().slice(dashboard.origin.length)}`));
  page.on("response", (response) => response.status() >= 400 && failures.push(`${response.status()} ${response.url()}`));
  page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
});

describe(`the build with DASHBOARD_BASE_PATH=${PREFIX}, over HTTP`, () => {
  it("is the build made with the prefix", () => {
    const manifest = JSON.parse(readFileSync(join(APP_DIR, BASE_PATH_BUILD.distDir, "routes-manifest.json"), "utf8")) as { basePath: string };
    expect(manifest.basePath).toBe(PREFIX);
    expect(dashboard.url).toBe(`${dashboard.origin}${PREFIX}`);
  });

  it("serves the overview under the prefix, and nothing at the root", async () => {
    const overview = await get(`${PREFIX}/0`);
    expect(overview.status).toBe(200);
    expect(await overview.text()).toContain('data-queue="reports"');
    for (const path of ["/", "/0", "/0/workers", `/0/jobs/${seeded.ids.failed[0]}`]) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });

  it("sends the prefix itself to the first instance's overview", async () => {
    const home = await get(PREFIX);
    expect(home.status).toBeGreaterThanOrEqual(300);
    expect(home.status).toBeLessThan(400);
    expect(home.headers.get("location")).toBe(`${PREFIX}/0`);
    // The other redirects of the app (a queue's page, the search form) keep the prefix too.
    const queue = await get(`${PREFIX}/0/queues/reports`);
    expect(new URL(queue.headers.get("location") ?? "", dashboard.origin).pathname).toBe(`${PREFIX}/0/queues/reports/queued`);
    const search = await get(`${PREFIX}/0/jobs?id=${seeded.ids.canceled}`);
    expect(new URL(search.headers.get("location") ?? "", dashboard.origin).pathname).toBe(`${PREFIX}/0/jobs/${seeded.ids.canceled}`);
  });

  it("asks for credentials under the prefix", async () => {
    const anonymous = await fetch(`${dashboard.url}/0`);
    expect(anonymous.status).toBe(401);
    await anonymous.body?.cancel();
  });

  it("issues the session cookie for the prefix only", async () => {
    const { setCookie } = await newSession();
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[^;]+;`));
    expect(setCookie).toMatch(new RegExp(`; Path=${PREFIX}(;|$)`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=strict/i);
  });

  it("links, loads its assets and posts its forms under the prefix", async () => {
    const { cookie } = await newSession();
    for (const path of [`${PREFIX}/0`, `${PREFIX}/0/queues/reports/failed`, `${PREFIX}/0/jobs/${seeded.ids.failed[0]}`, `${PREFIX}/0/workers`]) {
      const html = await (await get(path, cookie)).text();
      const urls = [...attributes(html, "href"), ...attributes(html, "src"), ...attributes(html, "action")];
      expect(urls.length, path).toBeGreaterThan(5);
      expect(urls.filter((url) => url !== PREFIX && !url.startsWith(`${PREFIX}/`)), path).toEqual([]);
      const returnTo = [...html.matchAll(/name="returnTo" value="([^"]*)"/g)].map((match) => match[1]);
      expect(new Set(returnTo), path).toEqual(returnTo.length > 0 ? new Set([path]) : new Set());
    }

    const html = await (await get(`${PREFIX}/0`, cookie)).text();
    const assets = [...attributes(html, "href"), ...attributes(html, "src")].filter((url) => url.startsWith(`${PREFIX}/_next/static/`));
    expect(assets.some((url) => url.endsWith(".css"))).toBe(true);
    expect(assets.some((url) => url.endsWith(".js"))).toBe(true);
    for (const asset of assets) {
      const response = await get(asset);
      expect(response.status, asset).toBe(200);
      await response.body?.cancel();
    }
    const unprefixed = await get(assets[0]!.slice(PREFIX.length));
    expect(unprefixed.status).toBe(404);
    await unprefixed.body?.cancel();
  });

  it("requeues a failed job from a form posted without JavaScript, and redirects back under the prefix", async () => {
    const { cookie } = await newSession();
    const id = seeded.ids.failed[0]!;
    const jobPage = `${PREFIX}/0/jobs/${id}`;
    const { target, fields } = await actionForm(jobPage, "requeue", cookie);
    expect(target).toBe(`${PREFIX}/0/actions`);
    expect(fields).toMatchObject({ action: "requeue", jobId: id, returnTo: jobPage, csrf: expect.any(String) });

    // The action answers only under the prefix.
    const atRoot = await post("/0/actions", fields, cookie);
    expect(atRoot.status).toBe(404);
    await atRoot.body?.cancel();
    expect((await inspector().job(id)).status).toBe("failed");

    const response = await post(target, fields, cookie);
    expect([response.status, response.headers.get("location")]).toEqual([303, jobPage]);
    expect((await inspector().job(id)).status).toBe("queued");
  });

  it("deletes a job with its CSRF token and sends the browser to its queue under the prefix", async () => {
    const { cookie } = await newSession();
    const [viaForm, viaScript] = [seeded.ids.queued[2]!, seeded.ids.queued[3]!];
    const { target, fields } = await actionForm(`${PREFIX}/0/jobs/${viaForm}`, "delete", cookie);
    const response = await post(target, fields, cookie);
    expect([response.status, response.headers.get("location")]).toEqual([303, `${PREFIX}/0/queues/reports/queued`]);
    await expect(inspector().job(viaForm)).rejects.toThrow(/^No job with id/);

    // The page's script gets the path inside the app: its router adds the prefix (seen in the browser below).
    const form = await actionForm(`${PREFIX}/0/jobs/${viaScript}`, "delete", cookie);
    const json = await post(form.target, form.fields, cookie, "application/json");
    expect([json.status, await json.json()]).toEqual([200, { ok: true, message: expect.any(String), redirectTo: "/0/queues/reports/queued" }]);
    await expect(inspector().job(viaScript)).rejects.toThrow(/^No job with id/);
  });

  it("refuses an action without the session's CSRF token under the prefix too", async () => {
    const { cookie } = await newSession();
    const { target, fields } = await actionForm(`${PREFIX}/0/queues/reports/failed`, "requeue-failed", cookie);
    const response = await post(target, { ...fields, csrf: "" }, cookie);
    expect([response.status, await response.text()]).toEqual([403, expect.stringMatching(/CSRF token is missing/)]);
  });
});

describe(`the build with DASHBOARD_BASE_PATH=${PREFIX}, in a browser`, () => {
  it("loads the overview at the prefix, follows its links and refreshes live under it", async () => {
    await page.goto(dashboard.url);
    await page.waitForURL(`${dashboard.url}/0`);
    expect(Number(await page.locator('tr[data-queue="reports"] td[data-list="finished"]').textContent())).toBe(seeded.counts.finished);
    const cookies = await context.cookies(dashboard.origin + PREFIX);
    expect(cookies.find((cookie) => cookie.name === SESSION_COOKIE)).toMatchObject({ path: PREFIX, httpOnly: true, sameSite: "Strict" });
    expect(await context.cookies(dashboard.origin)).toEqual([]);

    // Live refresh fetches the page's data again, under the prefix.
    const before = requested.length;
    await expect.poll(() => requested.slice(before).some((request) => request.startsWith(`GET ${PREFIX}/0`)), { timeout: 15_000 }).toBe(true);

    // Client-side navigation through <Link>s.
    await page.locator('tr[data-queue="reports"] td[data-list="failed"] a').click();
    await page.waitForURL(`${dashboard.url}/0/queues/reports/failed`);
    await page.getByRole("link", { name: "Workers" }).click();
    await page.waitForURL(`${dashboard.url}/0/workers`);
    await saveScreenshot(page, join(ARTIFACTS, "base-path-workers.png"));
  });

  it("requeues and deletes with the page's script, staying under the prefix", async () => {
    const failed = seeded.ids.failed[1]!;
    await page.goto(`${dashboard.url}/0/jobs/${failed}`);
    const posted = page.waitForRequest((request) => request.method() === "POST");
    await page.getByRole("button", { name: "Requeue" }).click();
    expect((await posted).url()).toBe(`${dashboard.url}/0/actions`);
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(`Requeued job ${failed}`);
    expect(page.url()).toBe(`${dashboard.url}/0/jobs/${failed}`);
    await expect.poll(async () => (await inspector().job(failed)).status).toBe("queued");

    const doomed = seeded.ids.queued[1]!;
    await page.goto(`${dashboard.url}/0/jobs/${doomed}`);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete" }).click();
    await page.waitForURL(`${dashboard.url}/0/queues/reports/queued`);
    await expect(inspector().job(doomed)).rejects.toThrow(/^No job with id/);
  });

  it("finds a job by id from the header's search form", async () => {
    await page.goto(`${dashboard.url}/0`);
    await page.getByLabel("Find a job by id").fill(seeded.ids.canceled);
    await page.getByRole("button", { name: "Find" }).click();
    await page.waitForURL(`${dashboard.url}/0/jobs/${seeded.ids.canceled}`);
    expect(await page.locator("h1 .status").textContent()).toBe("canceled");
  });

  it("made every request under the prefix, and none failed", () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((request) => !request.includes(` ${PREFIX}/`) && !request.endsWith(` ${PREFIX}`))).toEqual([]);
    expect(requested.some((request) => request.startsWith(`GET ${PREFIX}/_next/static/`))).toBe(true);
    expect(failures).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
