/**
 * Test helpers: one throwaway redis-server per test file (`useRedis`), a unique queue name per test
 * (`uniqueQueue`) and `eventually`, all from @rqts/testing; and a worker that runs in the background
 * until the test stops it.
 */
import { Worker, type WorkerOptions } from "../src/index.js";

export { eventually, uniqueQueue } from "@rqts/testing";
export { useRedis, type TestRedis } from "@rqts/testing/vitest";

/** Fast timing knobs so maintenance and heartbeats happen within a test. */
export const fastTimings = {
  heartbeatInterval: 200,
  abandonedGrace: 800,
  maintenanceInterval: 300,
  intermediateGrace: 500,
  dequeueTimeout: "1s",
} satisfies Partial<WorkerOptions>;

/** Starts `worker.run()` in the background; `stop()` stops it warm and waits for it. */
export function runInBackground(worker: Worker): { done: Promise<void>; stop: (cold?: boolean) => Promise<void> } {
  const done = worker.run();
  return {
    done,
    async stop(cold = false) {
      worker.stop({ cold });
      await done;
    },
  };
}
