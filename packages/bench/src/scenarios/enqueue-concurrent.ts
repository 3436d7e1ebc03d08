/**
 * Scenario 2: enqueue concurrently — a batch of single-job enqueue calls in flight at once (1,000 in
 * the full run), awaited together, then the next batch (many requests enqueueing at the same time).
 */
import { chunks } from "../adapters/adapter.js";
import { enqueueScenario } from "./enqueue-timing.js";

export const enqueueConcurrentScenario = enqueueScenario(
  "enqueue-concurrent",
  "enqueue concurrently (batches of 1,000 calls)",
  async (adapter, payloads, ctx) => {
    for (const batch of chunks(payloads, ctx.sizes.concurrentBatch)) await Promise.all(batch.map((sequence) => adapter.enqueueOne(sequence)));
  },
);
