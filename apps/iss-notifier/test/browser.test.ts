/**
 * The built app in a real browser: the worker and `next start` as separate processes, a throwaway Redis,
 * the fake Twilio, and Debian's chromium (with a granted geolocation) driven by playwright-core.
 * Needs `next build` first (turbo's `test` task depends on `build`).
 */
import { randomUUID } from "node:crypto";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath, FAKE_TWILIO_ACCOUNT_SID, FAKE_TWILIO_AUTH_TOKEN, freePort, twilioSignature, type AppProcess, saveScreenshot } from "@rqts/testing";
import { startWeb, startWorker } from "../lib/app-processes";
import { getSubscriber } from "../lib/subscribers";
import { TEST_SENDER, useServers } from "./helpers";

const servers = useServers();
const processes: AppProcess[] = [];
const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
let browser: Browser;
let page: Page;
let webUrl: string;

beforeAll(async () => {
  const port = await freePort();
  webUrl = `http://127.0.0.1:${port}`;
  const env = {
    REDIS_URL: servers.server.url,
    ISS_MODE: "demo",
    ISS_QUEUE: `iss-browser-${randomUUID().slice(0, 8)}`,
    ISS_TWILIO_URL: servers.twilio.url,
    ISS_PUBLIC_URL: webUrl,
    TWILIO_ACCOUNT_SID: FAKE_TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: FAKE_TWILIO_AUTH_TOKEN,
    TWILIO_FROM: TEST_SENDER,
  };
  const [worker, web] = await Promise.all([startWorker(env), startWeb(port, env)]);
  processes.push(worker, web);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  const context = await browser.newContext({ geolocation: { latitude: 51.5074, longitude: -0.1278 }, permissions: ["geolocation"] });
  page = await context.newPage();
  await page.goto(webUrl);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(processes.map((child) => child.stop()));
});

describe("the iss-notifier page, in a browser", () => {
  it("shows the bundled TLE's epoch", async () => {
    expect(await page.getByTestId("tle-epoch").textContent()).toBe("2026-11-20T12:24:59.999Z");
  });

  it("subscribes with the browser's location: the subscriber is listed with a next pass, and the welcome SMS arrives", async () => {
    const phone = "+447700900301";
    await page.getByLabel("Phone number").fill("+44 7700 900301");
    await page.getByRole("button", { name: "Use my location" }).click();
    await expect.poll(() => page.getByLabel("Latitude").inputValue()).toBe("51.5074");
    expect(await page.getByLabel("Longitude").inputValue()).toBe("-0.1278");
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();

    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Subscribed \+447700900301: a welcome SMS is on its way/);
    const row = page.locator(`table.subscribers tr[data-phone="${phone}"]`);
    await row.waitFor();
    expect(await row.locator(".next-pass").textContent()).toMatch(/^\w{3} \d{1,2} \w{3} \d{2}:\d{2} UTC$/);
    // The worker sends the welcome through the fake; the page's outbox (refreshed every 3 s) shows it.
    const welcome = page.locator("table.messages tr", { hasText: "Thanks for subscribing to ISS alerts!" });
    await welcome.first().waitFor({ timeout: 15_000 });
    expect(await welcome.first().locator("td").first().textContent()).toBe(phone);
    expect(servers.twilio.messages().some((message) => message.to === phone && message.body.startsWith("Thanks for subscribing"))).toBe(true);
    const subscriber = await getSubscriber(servers.redis, phone);
    expect(subscriber?.passJobId).toMatch(/^iss-pass-447700900301-\d+$/);
    await saveScreenshot(page, `${ARTIFACTS}subscribed.png`);
  });

  it("shows a validation error for a number that is not E.164, and stores nothing", async () => {
    await page.getByLabel("Phone number").fill("07700 900302");
    await page.getByRole("button", { name: "Subscribe", exact: true }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/is not an international \(E\.164\) number/);
    expect(await page.locator("table.subscribers tbody tr").count()).toBe(1);
  });

  it("unsubscribes from the list: the row goes", async () => {
    await page.getByRole("button", { name: "Unsubscribe +447700900301" }).click();
    await expect.poll(() => page.locator("table.subscribers tbody tr").count()).toBe(0);
    expect(await getSubscriber(servers.redis, "+447700900301")).toBeUndefined();
  });

  it("refuses a cross-origin POST (CSRF) and a forged webhook (403), and honours a signed STOP", async () => {
    const forged = await fetch(`${webUrl}/subscribe`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/json" },
      body: JSON.stringify({ phone: "+447700900303", latitude: "51.5", longitude: "0" }),
    });
    expect(forged.status).toBe(403);
    expect(await getSubscriber(servers.redis, "+447700900303")).toBeUndefined();

    const phone = "+447700900304";
    const subscribed = await fetch(`${webUrl}/subscribe`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ phone, latitude: "51.5", longitude: "0" }) });
    expect(subscribed.status).toBe(201);
    const params = { From: phone, To: TEST_SENDER, Body: "STOP" };
    const post = (signature: string) =>
      fetch(`${webUrl}/sms/inbound`, { method: "POST", headers: { "X-Twilio-Signature": signature, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(params) });
    expect((await post(twilioSignature("a-guessed-token", `${webUrl}/sms/inbound`, params))).status).toBe(403);
    expect(await getSubscriber(servers.redis, phone)).toBeDefined();
    const stop = await post(twilioSignature(FAKE_TWILIO_AUTH_TOKEN, `${webUrl}/sms/inbound`, params));
    expect(stop.status).toBe(200);
    expect(await stop.text()).toMatch(/You're unsubscribed/);
    expect(await getSubscriber(servers.redis, phone)).toBeUndefined();
  });
});
