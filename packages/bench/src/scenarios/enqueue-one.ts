/** Scenario 1: enqueue one job at a time, awaiting each (a web request enqueueing its job). */
import { enqueueScenario } from "./enqueue-timing.js";

export const enqueueOneScenario = enqueueScenario("enqueue-one", "enqueue one at a time (await each)", async (adapter, payloads) => {
  for (const sequence of payloads) await adapter.enqueueOne(sequence);
});
