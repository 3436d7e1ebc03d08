/**
 * Scenario 3: bulk enqueue: all N jobs in one call of each library's bulk API (`enqueueMany` /
 * `addBulk` / `saveAll`), which batches or pipelines them as its authors chose.
 */
import { enqueueScenario } from "./enqueue-timing.js";

export const enqueueBulkScenario = enqueueScenario("enqueue-bulk", "bulk enqueue (enqueueMany / addBulk / saveAll)", (adapter, payloads) =>
  adapter.enqueueBulk(payloads),
);
