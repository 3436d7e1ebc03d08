/**
 * `npm run demo` in this folder (the repository root's `npm run demo` builds first, then runs this): the
 * fixture pages server, the worker and the built web app, against REDIS_URL, in demo mode with 300 ms
 * steps (a short task takes 3 s), until Ctrl-C. The web app listens on PORT, else 3000, else a free port.
 */
import { createServer } from "node:net";
import { freePort, startFakePages } from "@rqts/testing";
import { startWeb, startWorker, type AppProcess } from "./lib/app-processes";
import { printableUrl } from "./lib/redis";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const processes: AppProcess[] = [];
const pages = await startFakePages();

let stopping = false;

async function stopAll(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, and relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  // Web first (no new jobs), then the worker (warm: it finishes running jobs), then the pages.
  for (const child of processes.reverse()) await child.stop();
  await pages.close();
  process.exit(code);
}

try {
  const port = await choosePort(process.env.PORT);
  const env = {
    REDIS_URL: redisUrl,
    LONG_TASKS_MODE: "demo",
    LONG_TASKS_PAGES_URL: pages.url,
    LONG_TASKS_UNIT_MS: process.env.LONG_TASKS_UNIT_MS ?? "300",
  };
  processes.push(await startWorker({ env, onLine: (line) => console.log(`[worker] ${line}`) }));
  processes.push(await startWeb(port, { env, onLine: (line) => line.trim() && console.log(`[web] ${line}`) }));
  console.log(`
long-tasks demo, on Redis ${printableUrl(redisUrl)}:
  web app        http://127.0.0.1:${port}
  fixture pages  ${pages.url}/  (try ${pages.url}/articles/tide-pools.html)
  dashboard      ${process.env.LONG_TASKS_DASHBOARD_URL ?? "not running"}
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`long-tasks demo: ${(error as Error).message}`);
  await stopAll(1);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

/** PORT when given (it must be free), else 3000 when free, else any free port. */
async function choosePort(given: string | undefined): Promise<number> {
  if (given) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${given}"`);
    if (!(await isFree(port))) throw new Error(`port ${port} (PORT) is in use: choose another one`);
    return port;
  }
  return (await isFree(3000)) ? 3000 : freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
