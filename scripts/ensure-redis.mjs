#!/usr/bin/env node
// Makes sure Redis is available, with no dependencies so it runs before `npm ci` has built anything.
//   node scripts/ensure-redis.mjs --binary   a redis-server binary exists (installed if we can); tests need
//                                            only that, since each test file starts its own server.
//   node scripts/ensure-redis.mjs            also picks a Redis URL (REDIS_URL, else 127.0.0.1:6379, else a
//                                            private server, kept until Ctrl-C). demo.mjs imports resolveRedis().
import { execFileSync, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import tls from "node:tls";
import { pathToFileURL } from "node:url";

const INSTALL_HINT = "Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; macOS: brew install redis) " +
  "or set REDIS_SERVER_BIN to the path of a redis-server binary.";
const redact = (url) => url.replace(/\/\/[^@/]*@/, "//***@"); // never print a password from a URL
const isExecutable = (file) => { try { accessSync(file, constants.X_OK); return true; } catch { return false; } };
const succeeds = (cmd, args) => { try { execFileSync(cmd, args, { stdio: "ignore" }); return true; } catch { return false; } };

/** The redis-server binary: $REDIS_SERVER_BIN, else the first on PATH, else null. */
export function findRedisServer() {
  if (process.env.REDIS_SERVER_BIN) return isExecutable(process.env.REDIS_SERVER_BIN) ? process.env.REDIS_SERVER_BIN : null;
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, "redis-server")).find(isExecutable) ?? null;
}

/** Installs redis-server without prompting where that is possible (nothing happens otherwise). */
function installRedisServer() {
  const run = (cmd, ...args) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
  if (process.platform === "linux" && isExecutable("/usr/bin/apt-get")) {
    // Root installs directly; otherwise only passwordless sudo (-n never prompts, so CI cannot hang).
    // `env` sets DEBIAN_FRONTEND because sudo drops the caller's environment.
    const asRoot = process.getuid?.() === 0 ? [] : succeeds("sudo", ["-n", "true"]) ? ["sudo", "-n"] : null;
    if (!asRoot) return;
    const apt = (...args) => run(...asRoot, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args);
    console.log(`ensure-redis: redis-server is missing; installing it with ${asRoot.length ? "sudo -n " : ""}apt-get`);
    apt("update");
    apt("install", "-y", "redis-server");
  } else if (process.platform === "darwin" && succeeds("brew", ["--version"])) {
    console.log("ensure-redis: redis-server is missing; installing it with brew");
    run("brew", "install", "redis");
  }
}

/** Returns the redis-server path, installing it first if needed; throws with what to install otherwise. */
export function ensureRedisServer() {
  const bin = process.env.REDIS_SERVER_BIN;
  if (bin && !isExecutable(bin)) throw new Error(`REDIS_SERVER_BIN=${bin} is not an executable file. ${INSTALL_HINT}`);
  if (findRedisServer()) return findRedisServer();
  try { installRedisServer(); } catch (error) { console.error(`ensure-redis: install failed: ${error.message}`); }
  const found = findRedisServer();
  if (!found) throw new Error(`redis-server was not found on PATH and could not be installed automatically. ${INSTALL_HINT}`);
  return found;
}

/**
 * Sends PING (after AUTH if the URL has a password) over a raw socket and resolves null when Redis
 * answers PONG, else the reason. A hand-rolled RESP exchange, so this works before ioredis is installed.
 */
export function ping(url, timeoutMs = 1500) {
  const u = URL.canParse(url) ? new URL(url) : { protocol: "" };
  if (!["redis:", "rediss:"].includes(u.protocol)) return Promise.resolve("it is not a redis:// or rediss:// URL");
  const command = (...words) => `*${words.length}\r\n${words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`).join("")}`;
  const pass = decodeURIComponent(u.password);
  const auth = pass ? command("AUTH", ...(u.username ? [decodeURIComponent(u.username)] : []), pass) : "";
  const options = { host: u.hostname.replace(/^\[|\]$/g, "") || "127.0.0.1", port: Number(u.port || 6379) };
  return new Promise((resolve) => {
    const socket = u.protocol === "rediss:" ? tls.connect({ ...options, servername: options.host }) : net.connect(options);
    let reply = "";
    const done = (reason) => { socket.destroy(); resolve(reason); };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once(u.protocol === "rediss:" ? "secureConnect" : "connect", () => socket.write(auth + command("PING")));
    socket.on("data", (chunk) => {
      reply += chunk;
      const lines = reply.split("\r\n").slice(0, -1); // complete lines only
      const error = lines.find((line) => line.startsWith("-"));
      if (error) done(`it answered ${error.slice(1)}`);
      else if (lines.includes("+PONG")) done(null);
    });
    socket.on("error", (error) => done(error.message || error.code));
    socket.on("close", () => done("it closed the connection"));
  });
}

/** Finds a free TCP port by binding port 0 (redis-server --port 0 would open no TCP listener at all). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address(); // read before close(): a closed server has no address
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway redis-server (no persistence, temp dir) and resolves once it is ready. */
export async function startPrivateRedis(binary = ensureRedisServer()) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "rqts-demo-redis-"));
  const child = spawn(binary, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stop = () => { // safe to call twice
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  };
  // Stop it however this process ends, so a demo never leaves a server behind (kill() is synchronous).
  process.once("exit", stop);
  await new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => fail(new Error(`redis-server was not ready within 10 s:\n${output}`)), 10_000);
    const fail = (error) => { clearTimeout(timer); stop(); reject(error); };
    const onExit = (code) => fail(new Error(`redis-server exited (code ${code}) before it was ready:\n${output}`));
    const collect = (chunk) => {
      output += chunk;
      if (!output.includes("Ready to accept connections")) return;
      clearTimeout(timer);
      child.off("exit", onExit).stdout.off("data", collect).resume(); // keep draining its log, unread
      child.stderr.off("data", collect).resume();
      resolve();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("error", fail).once("exit", onExit);
  });
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid, stop };
}

/**
 * Picks the Redis to use: REDIS_URL (which must answer), else 127.0.0.1:6379 if it answers (unless
 * `skipLocal`, or RQTS_DEMO_SKIP_LOCAL=1), else a private server. Resolves { url, label, stop }.
 */
export async function resolveRedis({ skipLocal = process.env.RQTS_DEMO_SKIP_LOCAL === "1" } = {}) {
  const given = process.env.REDIS_URL;
  if (given) {
    const reason = await ping(given);
    if (reason) throw new Error(`REDIS_URL=${redact(given)} does not answer PING (${reason}): start Redis there, fix REDIS_URL or unset it`);
    return { url: given, label: `Redis at REDIS_URL (${redact(given)})`, stop() {} };
  }
  const local = "redis://127.0.0.1:6379";
  if (!skipLocal && !(await ping(local))) return { url: local, label: `the local Redis at ${local}`, stop() {} };
  const server = await startPrivateRedis();
  return { ...server, label: `a private redis-server at ${server.url} (pid ${server.pid}, stopped on exit)` };
}

// Run as a script (not imported by demo.mjs).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    if (process.argv.includes("--binary")) {
      console.log(`ensure-redis: using redis-server at ${ensureRedisServer()}`);
    } else {
      const redis = await resolveRedis();
      console.log(`ensure-redis: using ${redis.label}`);
      if (redis.pid) { // keep the process, and so the server, alive until Ctrl-C
        console.log("ensure-redis: press Ctrl-C to stop it");
        for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(0));
        setInterval(() => {}, 1 << 30);
      }
    }
  } catch (error) {
    console.error(`ensure-redis: ${error.message}`);
    process.exit(1);
  }
}
