/**
 * `npm run demo` with no arguments, as a newcomer runs it (minus the build: turbo built every app before
 * the tests): a private Redis, the quickstart, then every app with a `demo` script and the landing page.
 * Chromium (Debian's, through playwright-core) follows each link of the landing page and reads the
 * app's title; then a Ctrl-C must stop every process the demo started, Redis included.
 */
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "@rqts/testing";
import { REPO_ROOT, describeProcess, descendants, isAlive, startDemo, type RunningDemo } from "./demo-process.js";

/** The title each app's layout sets; an app that joins later only needs a non-empty one. */
const TITLES: Record<string, string> = {
  dashboard: "rqts dashboard",
  "goodreads-scraper": "Goodreads scraper — rqts",
  "iss-notifier": "ISS notifier — rqts",
  "long-tasks": "Long tasks — rqts",
  "mars-rover": "Mars rover photos — rqts",
  "ses-confirm": "ses-confirm",
};

interface AppRow {
  name: string;
  description: string;
  url: string;
  status: string;
}

/** apps/* folders whose package.json has a `demo` script, but the quickstart (which runs first and exits). */
function appsWithDemo(): { name: string; packageName: string; description: string }[] {
  return readdirSync(join(REPO_ROOT, "apps"))
    .filter((name) => name !== "quickstart" && existsSync(join(REPO_ROOT, "apps", name, "package.json")))
    .map((name) => ({ name, manifest: JSON.parse(readFileSync(join(REPO_ROOT, "apps", name, "package.json"), "utf8")) }))
    .filter(({ manifest }) => typeof manifest.scripts?.demo === "string")
    .map(({ name, manifest }) => ({ name, packageName: manifest.name as string, description: (manifest.description as string) ?? "" }));
}

async function readRows(landingUrl: string): Promise<AppRow[]> {
  return (await (await fetch(`${landingUrl}/status.json`)).json()) as AppRow[];
}

let demo: RunningDemo;
let browser: Browser;
let rows: AppRow[];

beforeAll(async () => {
  demo = await startDemo([]);
  // Every app's demo starts its fakes, its worker and `next start`: wait until each accepts connections.
  const deadline = Date.now() + 90_000;
  for (;;) {
    rows = await readRows(demo.landingUrl);
    if (rows.length > 0 && rows.every((row) => row.status === "running")) break;
    if (Date.now() > deadline || rows.some((row) => row.status.startsWith("exited"))) {
      throw new Error(`not every app is running: ${JSON.stringify(rows)}\n${demo.output().slice(-4000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
});

afterAll(async () => {
  await browser?.close();
  demo?.kill(); // only matters when a test failed before the Ctrl-C test
});

describe("npm run demo (all in one)", () => {
  it("prints the landing page's URL first, then runs the quickstart, then starts the apps", () => {
    const output = demo.output();
    expect(output).toMatch(/demo: using a private redis-server at redis:\/\/127\.0\.0\.1:\d+/);
    expect(output).toMatch(/Quickstart demo on redis:\/\/127\.0\.0\.1:\d+/);
    expect(output.indexOf("the landing page, with every app and its status")).toBeLessThan(output.indexOf("Quickstart demo on"));
    expect(output.indexOf("Quickstart demo on")).toBeLessThan(output.indexOf("demo: starting "));
  });

  it("lists every app with a demo script, with its package description, URL and status", async () => {
    const expected = appsWithDemo();
    expect(rows.map((row) => row.name).sort()).toEqual(expected.map((app) => app.name).sort());
    for (const app of expected) {
      const row = rows.find((candidate) => candidate.name === app.name)!;
      expect(row.description).toBe(app.description);
      expect(row.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(row.status).toBe("running");
    }
    expect(rows[0]!.name).toBe("dashboard");
  });

  it("links every app from the landing page, and each link opens that app's page with its title", async () => {
    const page = await browser.newPage();
    await page.goto(demo.landingUrl);
    expect(await page.title()).toBe("rqts demo");
    const links = await page.$$eval("tr[data-app]", (trs) =>
      trs.map((tr) => ({ name: tr.getAttribute("data-app")!, href: tr.querySelector("a")!.href, text: tr.textContent ?? "" })),
    );
    expect(links.map((link) => link.name)).toEqual(rows.map((row) => row.name));
    for (const link of links) {
      expect(link.text).toContain("running");
      await page.goto(demo.landingUrl);
      await Promise.all([page.waitForURL((url) => url.href.startsWith(link.href)), page.click(`tr[data-app="${link.name}"] a`)]);
      const title = await page.title();
      if (TITLES[link.name] !== undefined) expect(title, link.name).toBe(TITLES[link.name]);
      else expect(title, link.name).not.toBe("");
    }
    await page.close();
  });

  it("keeps the dashboard read-only when no credentials are set", async () => {
    const dashboard = rows.find((row) => row.name === "dashboard")!;
    const answer = await fetch(`${dashboard.url}/0/actions`, { method: "POST", body: new URLSearchParams({ action: "resume" }) });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("read-only");
  });

  it("every app with a demo script is a devDependency of this package, so turbo builds it before this test", () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, "packages", "demo-check", "package.json"), "utf8"));
    for (const app of appsWithDemo()) expect(Object.keys(manifest.devDependencies), `add "${app.packageName}": "*" to devDependencies`).toContain(app.packageName);
  });

  it("stops every process it started, Redis last, on one Ctrl-C", async () => {
    const started = descendants(demo.pid);
    expect(started.length).toBeGreaterThan(rows.length * 2); // at least a worker and a web server per app
    const code = await demo.interrupt();
    expect(code).toBe(0);
    expect(demo.output()).toContain("demo: interrupted");
    const left = started.filter(isAlive);
    expect(left, `still running: ${left.map(describeProcess).join("; ")}`).toEqual([]);
    for (const row of rows) await expect(fetch(row.url, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  });
});
