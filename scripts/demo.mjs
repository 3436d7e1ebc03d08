#!/usr/bin/env node
// `npm run demo`: the quickstart end to end from a fresh clone.
//   1. find a Redis (REDIS_URL, else 127.0.0.1:6379, else a private redis-server stopped on exit);
//   2. build what the quickstart imports (turbo's `...` suffix adds its workspace dependencies);
//   3. run apps/quickstart's demo with REDIS_URL set, its output streamed, and exit with its code.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveRedis } from "./ensure-redis.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
let redis;
let child;
let interrupted = false;

/**
 * Runs a command with inherited output in a process group of its own, so that a signal reaches every
 * process under it (npm → sh → tsx → node) exactly once: from us, not also from the terminal.
 * Resolves the exit code (128 + n when a signal ended it).
 */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    child = spawn(command, args, { cwd: root, stdio: "inherit", detached: true, ...options });
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve(code ?? 128 + (signal === "SIGINT" ? 2 : 15)));
  });
}

const childRunning = () => child && child.exitCode === null && child.signalCode === null;
const signalChild = (signal) => { try { process.kill(-child.pid, signal); } catch { /* already gone */ } };

function finish(code) {
  if (interrupted) console.error("demo: interrupted");
  redis?.stop();
  process.exit(code);
}

// Ctrl-C or SIGTERM: pass it to the child's group once and wait for the child to exit, then stop the
// private Redis; with no child running, stop at once. Under `npm run demo` a Ctrl-C arrives twice (from
// the terminal and forwarded by npm): only the first is passed on.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (!childRunning()) finish(130);
    else if (!interrupted) signalChild(signal);
    interrupted = true;
  });
}
// If this process dies some other way (an exception), take the child's group with it.
process.on("exit", () => childRunning() && signalChild("SIGTERM"));

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

const built = await run("npx", ["turbo", "run", "build", "--filter=@rqts/quickstart...", "--output-logs=errors-only"]);
if (built !== 0) {
  if (!interrupted) console.error("demo: the build failed (see above)");
  finish(built);
}

// The app's own `npm run demo` script (tsx runs demo.ts as is: nothing to compile).
const code = await run("npm", ["run", "--silent", "demo"], {
  cwd: join(root, "apps", "quickstart"),
  env: { ...process.env, REDIS_URL: redis.url },
});
finish(code);
