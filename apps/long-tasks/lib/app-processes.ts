/**
 * Starts the app's two processes as a person would in two terminals — the worker (`worker.ts` under
 * tsx) and the built web app (`next start`) — and stops them again (SIGTERM: a worker's warm shutdown).
 * `npm run demo` and the browser test use it; the launching itself is the test kit's.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNextServer, startTsxScript, type AppProcess } from "@rqts/testing";

export type { AppProcess } from "@rqts/testing";

/** The app's folder (where package.json, worker.ts and .next live). */
export const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

export interface StartOptions {
  /** The environment of the child (REDIS_URL, LONG_TASKS_*…), on top of this process's. */
  env: Record<string, string | undefined>;
  /** Receives each line the child prints. @defaultValue dropped */
  onLine?: (line: string) => void;
  /** How long to wait until it is ready. @defaultValue 60 s */
  readyTimeoutMs?: number;
}

/** Starts the worker and resolves once it listens for jobs. */
export function startWorker(options: StartOptions): Promise<AppProcess> {
  return startTsxScript("worker", "worker.ts", /Worker \S+ started on/, { appDir: APP_DIR, ...options });
}

/** Starts the built web app on 127.0.0.1:`port` and resolves once it answers. */
export function startWeb(port: number, options: StartOptions): Promise<AppProcess> {
  return startNextServer(port, { appDir: APP_DIR, ...options });
}
