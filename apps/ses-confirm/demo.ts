/**
 * `npm run demo` in this folder: a local SES (aws-ses-v2-local, whose inbox page shows every mail),
 * the worker and the built web app, against REDIS_URL, until Ctrl-C. The web app listens on PORT, else
 * 3000 when free, else a free port; users live in data/demo-users.sqlite. Addresses at rejected.test
 * are refused by the local SES, to show a permanent failure.
 */
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, startNextServer, startTsxScript, type AppProcess } from "@rqts/testing";
import { DEMO_REJECTED_RECIPIENTS, WORKER_READY, demoEnv } from "./lib/demo-env";
import { startLocalSes, type LocalSes } from "./lib/local-ses";

const appDir = dirname(fileURLToPath(import.meta.url));
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const processes: AppProcess[] = [];
let ses: LocalSes | undefined;
let stopping = false;

async function stopAll(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  for (const child of processes.reverse()) await child.stop(); // web first, then the worker (warm)
  await ses?.close();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

try {
  const port = await choosePort(process.env.PORT);
  ses = await startLocalSes({ rejectRecipients: DEMO_REJECTED_RECIPIENTS });
  const publicUrl = `http://127.0.0.1:${port}`;
  const env = demoEnv({ redisUrl, sesUrl: ses.url, publicUrl, databasePath: join(appDir, "data", "demo-users.sqlite") });
  processes.push(await startTsxScript("worker", "worker.ts", WORKER_READY, { appDir, env, onLine: (line) => console.log(`[worker] ${line}`) }));
  processes.push(await startNextServer(port, { appDir, env, onLine: (line) => line.trim() && console.log(`[web] ${line}`) }));
  console.log(`
ses-confirm demo, on Redis ${redisUrl.replace(/\/\/[^@/]*@/, "//***@")}:
  web app            ${publicUrl}  (sign up here)
  local SES inbox    ${ses.url}/  (open the mail, "Toggle HTML view", click the link)
  sent mail as JSON  ${ses.url}/store
  try an address at rejected.test to see SES refuse a mail
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`ses-confirm demo: ${(error as Error).message}`);
  await stopAll(1);
}

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
