/**
 * `npm run demo` in this folder (the repository root's `npm run demo` builds first, then runs this): the
 * built dashboard (`next start`) against REDIS_URL, on PORT, else 9181 when free, else a free port, until
 * Ctrl-C or SIGTERM. It is read-only unless DASHBOARD_USER + DASHBOARD_PASSWORD or DASHBOARD_TOKEN are set
 * (the dashboard's own rule, lib/settings.ts); the settings are checked here first, so a bad value stops
 * the demo with the variable's name instead of serving 503 pages.
 */
import { createServer } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startNextServer, type AppProcess } from "@rqts/testing";
import { readSettings, type DashboardSettings } from "./lib/settings";

/** rq-dashboard's port, so bookmarks from Python RQ days keep working. */
const DEFAULT_PORT = 9181;
const APP_DIR = dirname(fileURLToPath(import.meta.url));

let server: AppProcess | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, and relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  await server?.stop();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stop(0));

try {
  const env = { ...process.env, REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" };
  const settings = readSettings(env);
  const port = await choosePort(process.env.PORT);
  server = await startNextServer(port, { appDir: APP_DIR, env, onLine: (line) => line.trim() && console.log(`[dashboard] ${line}`) });
  console.log(`
dashboard demo, on Redis ${settings.redis.map((instance) => instance.label).join(", ")}:
  dashboard  http://127.0.0.1:${port}
  access     ${describeAccess(settings)}
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`dashboard demo: ${(error as Error).message}`);
  await stop(1);
}

/** Who may do what: read-only and why, or which credentials unlock the actions (never the secrets). */
function describeAccess({ readOnly, readOnlyReason, credentials }: DashboardSettings): string {
  if (readOnly) return `read-only: ${readOnlyReason}`;
  const who = [credentials?.basic && `user ${credentials.basic.user} (DASHBOARD_USER/DASHBOARD_PASSWORD)`, credentials?.token && "DASHBOARD_TOKEN"];
  return `actions enabled for ${who.filter(Boolean).join(" or ")}`;
}

/** PORT when given (it must be free), else 9181 when free, else any free port. */
async function choosePort(given: string | undefined): Promise<number> {
  if (given) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`PORT must be a port number from 1 to 65535, got "${given}"`);
    if (!(await isFree(port))) throw new Error(`port ${port} (PORT) is in use: choose another one, or unset PORT`);
    return port;
  }
  return (await isFree(DEFAULT_PORT)) ? DEFAULT_PORT : freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
