/**
 * `npm run demo` in this folder (the repository root's demo can run it after building): the fixture
 * bookshelf, the worker and the built web app, against REDIS_URL, in demo mode, until Ctrl-C. The web
 * app listens on PORT, else 3004, else a free port. Nothing here reaches the internet.
 */
import { createServer } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startFakeBookshelf, startNextServer, startTsxScript, type AppProcess } from "@rqts/testing";
import { SAMPLE_BOOK_PATHS } from "./lib/demo-samples";
import { printableUrl } from "./lib/redis";

const APP_DIR = dirname(fileURLToPath(import.meta.url));
const PREFERRED_PORT = 3004;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const processes: AppProcess[] = [];
const shelf = await startFakeBookshelf();
let stopping = false;

async function stopAll(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, and relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  // Web first (no new batches), then the worker (warm: it finishes running jobs), then the bookshelf.
  for (const child of processes.reverse()) await child.stop();
  await shelf.close();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

try {
  const port = await choosePort(process.env.PORT);
  const env = { REDIS_URL: redisUrl, GOODREADS_SCRAPER_MODE: "demo", GOODREADS_SCRAPER_BOOKSHELF_URL: shelf.url };
  const print = (name: string) => (line: string) => line.trim() && console.log(`[${name}] ${line}`);
  processes.push(await startTsxScript("worker", "worker.ts", /Worker \S+ started on/, { appDir: APP_DIR, env, onLine: print("worker") }));
  processes.push(await startNextServer(port, { appDir: APP_DIR, env, onLine: print("web") }));
  console.log(`
goodreads-scraper demo, on Redis ${printableUrl(redisUrl)}:
  web app             http://127.0.0.1:${port}  (press "Fill in sample URLs", then "Scrape")
  fixture bookshelf   ${shelf.url}/list/show/2-everything-on-the-shelf
  or from a terminal: curl -X POST -H 'Content-Type: application/json' -d '["${shelf.url}${SAMPLE_BOOK_PATHS[0]!.path}"]' http://127.0.0.1:${port}/api/batches
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`goodreads-scraper demo: ${(error as Error).message}`);
  await stopAll(1);
}

/** PORT when given (it must be free), else the preferred port when free, else any free port. */
async function choosePort(given: string | undefined): Promise<number> {
  if (given) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, got "${given}"`);
    if (!(await isFree(port))) throw new Error(`port ${port} (PORT) is in use: choose another one`);
    return port;
  }
  return (await isFree(PREFERRED_PORT)) ? PREFERRED_PORT : freePort();
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}
