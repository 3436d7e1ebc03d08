/**
 * `npm run demo` in this folder: the fake Twilio, a local TLE source, the worker and the built web app,
 * against REDIS_URL, in demo mode, until Ctrl-C. The web app listens on PORT, else a free port. The
 * page's "Sent SMS" table is the fake Twilio's outbox, listed through the twilio SDK.
 */
import { FAKE_TWILIO_ACCOUNT_SID, FAKE_TWILIO_AUTH_TOKEN, freePort, startFakeTwilio, type AppProcess } from "@rqts/testing";
import { startWeb, startWorker } from "./lib/app-processes";
import { printableUrl } from "./lib/redis";
import { startTleFixtureServer } from "./lib/tle-fixture-server";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const processes: AppProcess[] = [];
const [twilio, tleSource] = await Promise.all([startFakeTwilio(), startTleFixtureServer()]);
let stopping = false;

async function stopAll(code: number): Promise<never> {
  // A Ctrl-C can arrive more than once (from the terminal, and relayed by npm and tsx): stop once.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  for (const child of processes.reverse()) await child.stop(); // web first, then the worker (warm)
  await Promise.all([twilio.close(), tleSource.close()]);
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));

try {
  const port = process.env.PORT ? Number(process.env.PORT) : await freePort();
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const env = {
    REDIS_URL: redisUrl,
    ISS_MODE: "demo",
    ISS_TWILIO_URL: twilio.url,
    ISS_TLE_URL: tleSource.tleUrl,
    ISS_PUBLIC_URL: `http://127.0.0.1:${port}`,
    TWILIO_ACCOUNT_SID: FAKE_TWILIO_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: FAKE_TWILIO_AUTH_TOKEN,
    TWILIO_FROM: "+15005550006",
  };
  processes.push(await startWorker(env, (line) => console.log(`[worker] ${line}`)));
  processes.push(await startWeb(port, env, (line) => line.trim() && console.log(`[web] ${line}`)));
  console.log(`
iss-notifier demo, on Redis ${printableUrl(redisUrl)}:
  web app      http://127.0.0.1:${port}
  fake Twilio  ${twilio.url}/__messages  (account ${FAKE_TWILIO_ACCOUNT_SID}, token ${FAKE_TWILIO_AUTH_TOKEN})
  TLE source   ${tleSource.tleUrl}
Subscribe on the page: the welcome SMS appears under "Sent SMS"; the "look up" SMS at the pass's rise time.
Press Ctrl-C to stop.`);
} catch (error) {
  console.error(`iss-notifier demo: ${(error as Error).message}`);
  await stopAll(1);
}
