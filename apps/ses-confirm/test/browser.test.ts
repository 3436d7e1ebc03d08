/**
 * The built app in a real browser, as a person uses the demo: the worker and `next start` as separate
 * processes, a throwaway Redis, the local SES and Debian's chromium driven by playwright-core. A
 * person signs up, watches the table flip to "sent", opens the mail in the emulator's inbox page,
 * clicks the link and sees the account confirmed. Needs `next build` first (turbo's `build` task).
 */
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, freePort, startNextServer, startTsxScript, type AppProcess, saveScreenshot, uniqueQueue } from "@rqts/testing";
import { WORKER_READY } from "../lib/demo-env";
import { UserStore } from "../lib/users";
import { appEnv, mailsTo, useKit } from "./helpers";

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];
const APP_DIR = join(import.meta.dirname, "..");
const ARTIFACTS = join(APP_DIR, "test-artifacts");

const port = await freePort();
const webUrl = `http://127.0.0.1:${port}`;
const kit = useKit(webUrl);
const queueName = uniqueQueue("ses-confirm-test");
const processes: AppProcess[] = [];
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const env = { ...appEnv(kit, queueName), AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };
  processes.push(...(await Promise.all([startTsxScript("worker", "worker.ts", WORKER_READY, { appDir: APP_DIR, env }), startNextServer(port, { appDir: APP_DIR, env })])));
  browser = await chromium.launch({ executablePath: process.env.RQTS_CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  page = await (await browser.newContext()).newPage();
});

afterAll(async () => {
  if (process.env.DEBUG_SES_CONFIRM) console.log(processes.map((child) => child.output()).join("\n----\n"));
  await browser?.close();
  await Promise.all(processes.map((child) => child.stop()));
});

describe("ses-confirm in a browser", () => {
  it("signs up, shows the mail sent live, and confirms through the link in the local SES inbox", async () => {
    await page.goto(webUrl);
    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Thank you for registering. A confirmation mail is on its way.");

    const row = page.locator('table.users tr[data-email="ada@example.com"]');
    await expect.poll(() => row.locator("td.sent").textContent(), { timeout: 15_000 }).toBe("Yes"); // no reload: the table refreshes itself
    expect(await row.locator("td.confirmed").textContent()).toBe("No");
    await saveScreenshot(page, join(ARTIFACTS, "1-signed-up.png"));

    // The person's mailbox: the emulator's inbox page, the mail's HTML view, its link.
    const inbox = await page.context().newPage();
    await inbox.goto(`${kit.ses.url}/`);
    await inbox.getByRole("button", { name: "Toggle HTML view" }).first().click();
    await saveScreenshot(inbox, join(ARTIFACTS, "2-inbox.png"));
    const [confirmTab] = await Promise.all([
      inbox.context().waitForEvent("page"),
      inbox.frameLocator("iframe").first().getByRole("link", { name: "Confirm your address" }).click(),
    ]);
    await confirmTab.waitForLoadState();
    await expect.poll(() => confirmTab.getByRole("status").textContent()).toBe("You have confirmed your account. Thanks!");
    expect(await confirmTab.locator('table.users tr[data-email="ada@example.com"] td.confirmed').textContent()).toBe("Yes");
    await saveScreenshot(confirmTab, join(ARTIFACTS, "3-confirmed.png"));

    await expect.poll(() => row.locator("td.confirmed").textContent(), { timeout: 5_000 }).toBe("Yes"); // the first tab follows
  });

  it("shows a refused address as failed with SES's reason, and a duplicate as a danger notice", async () => {
    await page.goto(webUrl);
    await page.getByLabel("Email").fill("nobody@rejected.test");
    await page.getByRole("button", { name: "Register" }).click();
    const row = page.locator('table.users tr[data-email="nobody@rejected.test"]');
    await expect.poll(() => row.getAttribute("data-send-status"), { timeout: 15_000 }).toBe("failed");
    expect(await row.locator(".send-error").textContent()).toMatch(/^SES refused the mail: MessageRejected: Email address is not verified/);

    await page.getByLabel("Email").fill("ada@example.com");
    await page.getByRole("button", { name: "Register" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("That email address is already registered.");
    await saveScreenshot(page, join(ARTIFACTS, "4-refused-and-duplicate.png"));
  });

  it("shows stored data as text: markup in an address is never run", async () => {
    const hostile = `<img src=x onerror="window.hacked=1">@example.com`;
    const refused = await fetch(`${webUrl}/users`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: hostile }) });
    expect(refused.status).toBe(400); // the form never takes it…
    const users = new UserStore(kit.databasePath);
    users.register(hostile); // …but the page must be safe whatever another writer stored
    users.close();
    await page.goto(webUrl);
    await expect.poll(() => page.getByText(hostile).count()).toBe(1);
    expect(await page.evaluate(() => [document.querySelectorAll("img").length, (window as { hacked?: number }).hacked ?? null])).toEqual([0, null]);
  });

  it("refuses a sign-up POSTed from another site (CSRF) and stores nothing", async () => {
    const before = (await (await fetch(`${webUrl}/users`)).json()).users.length;
    const forged = await fetch(`${webUrl}/users`, { method: "POST", headers: { Origin: "https://evil.example" }, body: new URLSearchParams({ email: "victim@example.com" }) });
    expect(forged.status).toBe(403);
    expect((await forged.json()).message).toMatch(/cannot change anything .*\(CSRF protection\)/);
    const crossSite = await fetch(`${webUrl}/users`, { method: "POST", headers: { "Sec-Fetch-Site": "cross-site" }, body: new URLSearchParams({ email: "victim@example.com" }) });
    expect(crossSite.status).toBe(403);
    expect((await (await fetch(`${webUrl}/users`)).json()).users.length).toBe(before);
    expect(await mailsTo(kit.ses, "victim@example.com")).toHaveLength(0);
  });

  it("refuses a tampered link and shows why", async () => {
    const [mail] = await eventually(() => mailsTo(kit.ses, "ada@example.com"), (mails) => mails.length === 1, 15_000);
    const link = /http\S+\/confirm\/\S+/.exec(mail!.body.text ?? "")![0];
    await page.goto(`${link.slice(0, -2)}xy`);
    await expect.poll(() => page.getByRole("status").textContent()).toBe("The confirmation link is invalid.");
  });
});
