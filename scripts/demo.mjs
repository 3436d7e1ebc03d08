#!/usr/bin/env node
// `npm run demo`: the quickstart end to end from a fresh clone, then the example apps, until Ctrl-C.
//   1. find a Redis (REDIS_URL, else 127.0.0.1:6379, else a private redis-server stopped on exit);
//   2. build what the chosen parts import (turbo's `...` suffix adds their workspace dependencies);
//   3. run apps/quickstart's demo with REDIS_URL set, its output streamed; stop here if it failed;
//   4. start each app's own `demo` script (apps/long-tasks: the fixture pages server, its worker and
//      web app; apps/dashboard once it has one) with REDIS_URL and PORT set; they print their URLs and
//      run until Ctrl-C, which stops them all, then the private Redis.
// `npm run demo -- quickstart` runs only the quickstart (and exits); `npm run demo -- apps` only the apps.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveRedis } from "./ensure-redis.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PARTS = ["quickstart", "apps"];
/** The apps started after the quickstart, each on its preferred port when free (PORT is passed to its demo script). */
const APPS = [
  { name: "dashboard", port: 9181 }, // first, so the long-tasks page can link to it
  { name: "long-tasks", port: 3000 },
];
let redis;
const children = new Set();
let interrupted = false;

/**
 * Runs a command with inherited output in a process group of its own, so that a signal reaches every
 * process under it (npm → sh → tsx → node) exactly once: from us, not also from the terminal.
 * Resolves the exit code (128 + n when a signal ended it) once every process of the group has ended:
 * npm can exit before what it started, and a worker still shutting down needs Redis until it is done.
 */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", detached: true, ...options });
    children.add(child);
    child.once("error", reject);
    child.once("exit", async (code, signal) => {
      await groupEnded(child.pid);
      children.delete(child);
      resolve(code ?? 128 + (signal === "SIGINT" ? 2 : 15));
    });
  });
}

/** Resolves once no process of the group is left, killing what remains after 20 s. */
async function groupEnded(pid) {
  const alive = () => { try { process.kill(-pid, 0); return true; } catch { return false; } };
  for (const deadline = Date.now() + 20_000; alive() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  if (alive()) { try { process.kill(-pid, "SIGKILL"); } catch { /* gone meanwhile */ } }
}

const signalChildren = (signal) => {
  for (const child of children) {
    try { process.kill(-child.pid, signal); } catch { /* already gone */ }
  }
};

function finish(code) {
  if (interrupted) console.error("demo: interrupted");
  redis?.stop();
  process.exit(code);
}

// Ctrl-C or SIGTERM: pass it to the children's groups once and wait for them to exit, then stop the
// private Redis; with no child running, stop at once. Under `npm run demo` a Ctrl-C arrives twice (from
// the terminal and forwarded by npm): only the first is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (children.size === 0) finish(130);
    else if (!interrupted) signalChildren(signal);
    interrupted = true;
  });
}
// If this process dies some other way (an exception), take the children's groups with it.
process.on("exit", () => signalChildren("SIGTERM"));

const chosen = process.argv.slice(2).filter((arg) => arg !== "--");
const unknown = chosen.filter((part) => !PARTS.includes(part));
if (unknown.length) {
  console.error(`demo: unknown part ${unknown.join(", ")}: use ${PARTS.join(" or ")} (default: both, quickstart first)`);
  process.exit(2);
}
const parts = chosen.length ? chosen : PARTS;

/** The app's package.json, or null when the folder has none yet. */
function appPackage(name) {
  const file = join(root, "apps", name, "package.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}
// An app takes part once it has a `demo` script (the dashboard does not, until it is written).
const apps = parts.includes("apps") ? APPS.filter((app) => appPackage(app.name)?.scripts?.demo) : [];

// Without installed workspaces, npx would go and download turbo and the build could not work anyway.
if (!existsSync(join(root, "node_modules", "@rqts", "quickstart"))) {
  console.error("demo: the workspace is not installed: run `npm ci` (or `npm install`) at the repository root first");
  process.exit(1);
}

try {
  redis = await resolveRedis();
} catch (error) {
  console.error(`demo: ${error.message}`);
  finish(1);
}
console.log(`demo: using ${redis.label}`);

const packages = [...(parts.includes("quickstart") ? ["quickstart"] : []), ...apps.map((app) => app.name)];
const filters = packages.map((name) => `--filter=${appPackage(name).name}...`);
const built = await run("npx", ["turbo", "run", "build", ...filters, "--output-logs=errors-only"]);
if (built !== 0) {
  if (!interrupted) console.error("demo: the build failed (see above)");
  finish(built);
}

// The quickstart's own `npm run demo` script (tsx runs demo.ts as is: nothing to compile).
if (parts.includes("quickstart")) {
  const code = await run("npm", ["run", "--silent", "demo"], {
    cwd: join(root, "apps", "quickstart"),
    env: { ...process.env, REDIS_URL: redis.url },
  });
  if (code !== 0 || interrupted || apps.length === 0) finish(code);
}

/** `preferred` when nothing listens there, else a free port. */
function choosePort(preferred) {
  return new Promise((resolve) => {
    const probe = net.createServer().once("error", () => {
      const any = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = any.address();
        any.close(() => resolve(port));
      });
    });
    probe.listen(preferred, "127.0.0.1", () => probe.close(() => resolve(preferred)));
  });
}

// The apps run side by side until Ctrl-C; the first to exit on its own ends the demo.
const env = { ...process.env, REDIS_URL: redis.url };
const running = [];
for (const app of apps) {
  const port = await choosePort(app.port);
  if (app.name === "dashboard") env.LONG_TASKS_DASHBOARD_URL ??= `http://127.0.0.1:${port}`;
  running.push(run("npm", ["run", "--silent", "demo"], { cwd: join(root, "apps", app.name), env: { ...env, PORT: String(port) } }));
}
const code = await Promise.race(running);
if (!interrupted) signalChildren("SIGTERM");
await Promise.all(running);
finish(interrupted ? 0 : code);
