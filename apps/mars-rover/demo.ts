/**
 * `npm run demo` in this folder (the repository root's `npm run demo` builds first, then runs this): the
 * fake NASA API, the worker and the built web app, against REDIS_URL, until Ctrl-C. It also registers a
 * cron entry that fetches Curiosity's latest photos every morning, so the schedule has something to
 * show. The web app listens on PORT, else 3001, else a free port.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { demoPort, startFakeNasa, startNextServer, startTsxScript, type AppProcess } from "@rqts/testing";
import { readConfig } from "./lib/config";
import { appQueues } from "./lib/queues";
import { connectRedis, printableUrl } from "./lib/redis";
import { scheduleLatest } from "./lib/schedule";

const appDir = dirname(fileURLToPath(import.meta.url));
/** The gallery's port when PORT is not set and it is free (long-tasks takes 3000). */
const PREFERRED_PORT = 3001;
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const processes: AppProcess[] = [];
const nasa = await startFakeNasa();
let stopping = false;

async function stopAll(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, and relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  // Web first (no new jobs), then the worker (warm: it finishes running jobs), then the fake.
  for (const child of processes.reverse()) await child.stop();
  await nasa.close();
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

try {
  const port = await demoPort(process.env.PORT, PREFERRED_PORT);
  const env = { REDIS_URL: redisUrl, NASA_API_URL: nasa.url, NASA_API_KEY: nasa.apiKey };
  const config = readConfig({ ...process.env, ...env }); // what the worker and the web app will read
  const redis = await connectRedis(redisUrl);
  await scheduleLatest(appQueues(redis, config).api, { rover: "curiosity", pattern: "0 6 * * *" }, config); // again at each start: no change
  redis.disconnect();
  processes.push(await startTsxScript("worker", "worker.ts", /Worker \S+ started on \S+-photos/, { appDir, env, onLine: (line) => console.log(`[worker] ${line}`) }));
  processes.push(await startNextServer(port, { appDir, env, onLine: (line) => line.trim() && console.log(`[web] ${line}`) }));
  console.log(`
mars-rover demo, on Redis ${printableUrl(redisUrl)}:
  gallery         http://127.0.0.1:${port}
  fake NASA API   ${nasa.url}  (try ${nasa.url}/api/v1/manifests/curiosity?api_key=${nasa.apiKey})
  fetch sols      REDIS_URL=${printableUrl(redisUrl)} npm run fetch -w @rqts/mars-rover -- --rover curiosity --sols 1000..1009
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`mars-rover demo: ${(error as Error).message}`);
  await stopAll(1);
}
