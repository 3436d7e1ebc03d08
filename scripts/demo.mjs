#!/usr/bin/env node
// `npm run demo`: the quickstart end to end from a fresh clone, then every example app, until Ctrl-C.
//   1. find a Redis (REDIS_URL, else 127.0.0.1:6379, else a private redis-server stopped on exit);
//   2. serve the landing page (scripts/landing.mjs) and print its URL first: one row per app, with
//      what it shows, its URL and its status;
//   3. build what the chosen parts import (turbo's `...` suffix adds their workspace dependencies);
//   4. run apps/quickstart's demo with REDIS_URL set, its output streamed; stop here if it failed;
//   5. start the `demo` script of every other app (apps/*/package.json with a `demo` script, the
//      dashboard first), each with REDIS_URL and PORT set: each starts its own fakes, worker and web app.
//      They run until Ctrl-C, which stops them all (process group by process group), then the Redis.
// `npm run demo -- quickstart` runs only the quickstart (and exits); `npm run demo -- apps` only the apps.
// Options: `--port N` for the landing page (default 8080 when free, else a free port; 0: any free
// port), `--no-build` when everything is built already (tests).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { discoverApps, portPicker } from "./demo-apps.mjs";
import { resolveRedis } from "./ensure-redis.mjs";
import { startLandingPage } from "./landing.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PARTS = ["quickstart", "apps"];
const LANDING_PORT = 8080;
let redis;
let landing;
const children = new Set();
let interrupted = false;

/**
 * Runs a command with inherited output in a process group of its own, so that a signal reaches every
 * process under it (npm → sh → tsx → node) exactly once: from us, not also from the terminal.
 * `done` resolves the exit code (128 + n when a signal ended it) once every process of the group has
 * ended: npm can exit before what it started, and a worker still shutting down needs Redis until done.
 */
function start(command, args, options = {}) {
  const child = spawn(command, args, { cwd: root, stdio: "inherit", detached: true, ...options });
  children.add(child);
  const done = new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", async (code, signal) => {
      await groupEnded(child.pid);
      children.delete(child);
      resolve(code ?? 128 + (signal === "SIGINT" ? 2 : 15));
    });
  });
  return { child, done };
}

/** Resolves true once `target` (a pid, or minus a process group id: every process of the group) is gone, false after `ms`. */
async function gone(target, ms) {
  const alive = () => { try { process.kill(target, 0); return true; } catch { return false; } };
  for (const deadline = Date.now() + ms; alive(); await new Promise((r) => setTimeout(r, 50))) if (Date.now() > deadline) return false;
  return true;
}

/** Resolves once no process of the group is left, killing what remains after 20 s. */
async function groupEnded(pid) {
  if (!(await gone(-pid, 20_000))) { try { process.kill(-pid, "SIGKILL"); } catch { /* gone meanwhile */ } }
}

const signalChildren = (signal) => {
  for (const child of children) {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  }
};

async function finish(code) {
  if (interrupted) console.error("demo: interrupted");
  await landing?.close();
  redis?.stop();
  if (redis?.pid) await gone(redis.pid, 5_000); // a private server: nothing the demo started outlives it
  process.exit(code);
}

// Ctrl-C or SIGTERM: pass it to the children's groups once and wait for them to exit, then stop the
// private Redis; with no child running, stop at once. Under `npm run demo` a Ctrl-C arrives twice (from
// the terminal and forwarded by npm): only the first is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (children.size === 0) void finish(130);
    else if (!interrupted) signalChildren(signal);
    interrupted = true;
  });
}
// If this process dies some other way (an exception), take the children's groups with it.
process.on("exit", () => signalChildren("SIGTERM"));

let options;
try {
  options = parseArgs({ allowPositionals: true, options: { port: { type: "string" }, "no-build": { type: "boolean", default: false } } });
} catch (error) {
  console.error(`demo: ${error.message}. Usage: npm run demo -- [quickstart|apps] [--port N] [--no-build]`);
  process.exit(2);
}
const chosen = options.positionals;
const unknown = chosen.filter((part) => !PARTS.includes(part));
if (unknown.length) {
  console.error(`demo: unknown part ${unknown.join(", ")}: use ${PARTS.join(" or ")} (default: both, quickstart first)`);
  process.exit(2);
}
const landingPort = options.values.port === undefined ? undefined : Number(options.values.port);
if (landingPort !== undefined && !(Number.isInteger(landingPort) && landingPort >= 0 && landingPort <= 65_535)) {
  console.error(`demo: --port must be a port number from 0 (any free port) to 65535, got "${options.values.port}"`);
  process.exit(2);
}
const parts = chosen.length ? chosen : PARTS;
const apps = parts.includes("apps") ? discoverApps(root) : [];
if (parts.includes("apps") && apps.length === 0 && !parts.includes("quickstart")) {
  console.error("demo: no app has a `demo` script in its package.json (apps/*/package.json): nothing to start");
  process.exit(1);
}

// Without installed workspaces, npx would go and download turbo and the build could not work anyway.
if (!existsSync(join(root, "node_modules", "@rqts", "quickstart"))) {
  console.error("demo: the workspace is not installed: run `npm ci` (or `npm install`) at the repository root first");
  process.exit(1);
}

try {
  redis = await resolveRedis();
} catch (error) {
  console.error(`demo: ${error.message}`);
  await finish(1);
}
console.log(`demo: using ${redis.label}`);

// The apps' rows: filled in as each app is started (url) and ends (exit code).
const rows = [];
if (apps.length) {
  const pickPort = portPicker();
  try {
    landing = await startLandingPage({ apps: rows, redisLabel: redis.label, port: landingPort ?? (await pickPort(LANDING_PORT)) });
  } catch (error) {
    console.error(`demo: the landing page could not listen on port ${landingPort}: ${error.message}. Choose another with --port`);
    await finish(1);
  }
  for (const app of apps) app.port = await pickPort(app.preferredPort);
  console.log(`\ndemo: the landing page, with every app and its status: ${landing.url}\n`);
}

if (!options.values["no-build"]) {
  const packages = [...(parts.includes("quickstart") ? ["@rqts/quickstart"] : []), ...apps.map((app) => app.packageName)];
  const filters = packages.map((name) => `--filter=${name}...`);
  const built = await start("npx", ["turbo", "run", "build", ...filters, "--output-logs=errors-only"]).done;
  if (built !== 0) {
    if (!interrupted) console.error("demo: the build failed (see above)");
    await finish(built);
  }
}

// The quickstart's own `npm run demo` script (tsx runs demo.ts as is: nothing to compile).
if (parts.includes("quickstart")) {
  const code = await start("npm", ["run", "--silent", "demo"], {
    cwd: join(root, "apps", "quickstart"),
    env: { ...process.env, REDIS_URL: redis.url },
  }).done;
  if (code !== 0 || interrupted || apps.length === 0) await finish(code);
}

// The apps run side by side until Ctrl-C. One that exits on its own is shown as exited on the landing
// page while the others go on; the demo ends when none is left.
const env = { ...process.env, REDIS_URL: redis.url };
const dashboard = apps.find((app) => app.name === "dashboard");
if (dashboard) env.LONG_TASKS_DASHBOARD_URL ??= `http://127.0.0.1:${dashboard.port}`;
const running = [];
for (const app of apps) {
  const { done } = start("npm", ["run", "--silent", "demo"], { cwd: app.dir, env: { ...env, PORT: String(app.port) } });
  let exitCode = null;
  running.push(done.then((code) => (exitCode = code)));
  rows.push({ name: app.name, description: app.description, url: `http://127.0.0.1:${app.port}`, exitCode: () => exitCode });
}
console.log(`\ndemo: starting ${apps.map((app) => app.name).join(", ")}; the landing page: ${landing.url} (Ctrl-C stops everything)\n`);
const codes = await Promise.all(running);
await finish(interrupted ? 0 : Math.max(...codes));
