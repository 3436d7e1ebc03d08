/**
 * The port an app's demo listens on: the one the caller gives (`PORT`, which must be free), else the
 * app's usual port when it is free, else any free port — so demos of several apps, or a second run of
 * one, never fail on a port already taken.
 */
import { createServer } from "node:net";
import { freePort } from "./redis-server.js";

/** Whether nothing listens on 127.0.0.1:`port` (found by listening on it for a moment). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once("error", () => resolve(false))
      .listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * `given` (a port number as text, e.g. `process.env.PORT`) when set — throwing a RangeError that says
 * why when it is not a port or is in use — else `preferred` when free, else a free port.
 */
export async function demoPort(given: string | undefined, preferred: number): Promise<number> {
  if (given) {
    const port = Number(given);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`PORT must be a port number from 1 to 65535, got "${given}"`);
    if (!(await isPortFree(port))) throw new RangeError(`port ${port} (PORT) is in use: choose another one, or unset PORT`);
    return port;
  }
  return (await isPortFree(preferred)) ? preferred : freePort();
}
