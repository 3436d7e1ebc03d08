/**
 * Starts the built dashboard (`next start`, the production server) on a free port for browser tests
 * and benchmarks, and stops it again. It runs as `node …/next start`, so the child's pid is the
 * server itself (an npx or npm wrapper would leave the server behind when killed); if this process
 * exits first, the server is killed with it.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@rqts/testing";

/** The app's folder (package.json, .next). */
export const APP_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * The build with a URL prefix that test/base-path.test.ts runs: `npm run build:base-path` makes it in
 * its own folder, so the normal build in .next/ stays as it is. Start it with
 * `startDashboard({ DASHBOARD_BASE_PATH: basePath, DASHBOARD_DIST_DIR: distDir, … })`.
 */
export const BASE_PATH_BUILD = { basePath: "/admin/rq", distDir: ".next-base-path" } as const;

export interface DashboardServer {
  /** `http://127.0.0.1:PORT` (plus the base path the build was made with, if any). */
  readonly url: string;
  readonly origin: string;
  readonly pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the server has exited. */
  stop(): Promise<void>;
}

/**
 * Starts the production build with `env` (on top of this process's, minus any DASHBOARD_* / REDIS_URL
 * of its own): the one in .next/, or the one in `env.DASHBOARD_DIST_DIR` (next.config.ts reads it).
 */
export async function startDashboard(env: Record<string, string>, options: { readyTimeoutMs?: number } = {}): Promise<DashboardServer> {
  const distDir = env.DASHBOARD_DIST_DIR ?? ".next";
  if (!existsSync(join(APP_DIR, distDir, "BUILD_ID"))) {
    const task = distDir === BASE_PATH_BUILD.distDir ? "build:base-path" : "build";
    throw new Error(`The dashboard is not built in ${distDir}/: run \`npm run ${task} -w @rqts/dashboard\` (or \`npx turbo run ${task} --filter=@rqts/dashboard\`) first`);
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(await freePort(), env, options.readyTimeoutMs ?? 60_000);
    } catch (error) {
      // Another process can take the free port before the server binds it: try another one.
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function launch(port: number, env: Record<string, string>, readyTimeoutMs: number): Promise<DashboardServer> {
  const next = createRequire(join(APP_DIR, "package.json")).resolve("next/dist/bin/next");
  const inherited: Record<string, string | undefined> = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("DASHBOARD_") && name !== "REDIS_URL"));
  const child = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: APP_DIR,
    env: { ...inherited, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const killOnExit = () => running() && child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const origin = `http://127.0.0.1:${port}`;
  const server: DashboardServer = {
    url: origin + (env.DASHBOARD_BASE_PATH ?? ""),
    origin,
    pid: child.pid ?? 0,
    output: () => output,
    async stop() {
      if (running()) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => running() && child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      process.off("exit", killOnExit);
    },
  };
  const deadline = Date.now() + readyTimeoutMs;
  while (!/Ready in/.test(output)) {
    if (!running()) {
      process.off("exit", killOnExit);
      throw new Error(`next start exited (code ${child.exitCode}) before it was ready:\n${output}`);
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`next start was not ready within ${readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return server;
}
