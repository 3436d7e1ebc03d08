/**
 * The app's two processes — the worker and the built web app — as `npm run demo` and the browser test
 * start them (through @rqts/testing's launcher), with the same environment.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNextServer, startTsxScript, type AppProcess } from "@rqts/testing";

/** The app's folder (package.json, worker.ts, .next). */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export type Env = Record<string, string | undefined>;

/** Starts worker.ts and resolves once it listens for jobs. */
export function startWorker(env: Env, onLine?: (line: string) => void): Promise<AppProcess> {
  return startTsxScript("worker", "worker.ts", /Worker \S+ started on/, { appDir: APP_DIR, env, onLine });
}

/** Starts the built web app on 127.0.0.1:`port`. */
export function startWeb(port: number, env: Env, onLine?: (line: string) => void): Promise<AppProcess> {
  return startNextServer(port, { appDir: APP_DIR, env, onLine });
}
