/**
 * Submitted batches in the app's own keys, `{ns}:batch:{id}` (JSON, 7 days): which URLs a submission
 * held, the page job of each, and the export job that waits for them.
 */
import type { Redis } from "ioredis";
import { BATCH_TTL_SECONDS, type ScraperKeys } from "./keys";

/** What a submit did with one URL. */
export type Submission = "new" | "existing" | "retried";

/** One book of a batch, as submitted. */
export interface BatchPage {
  /** The canonical book URL. */
  url: string;
  jobId: string;
  queue: string;
  /** `new`: enqueued now; `existing`: its job was queued, running or done already; `retried`: its failed job was queued again. */
  submitted: Submission;
}

/** A submitted batch, as stored. */
export interface BatchRecord {
  /** 32 hex digits. */
  id: string;
  createdAt: string;
  pages: BatchPage[];
  /** Entries of the submitted list that repeated an earlier one (after canonicalisation). */
  duplicates: number;
  exportJobId: string;
}

/** What a batch id looks like (checked before any key is built from a request). */
export const BATCH_ID = /^[0-9a-f]{32}$/;

/** Saves the batch for 7 days. */
export async function saveBatch(redis: Redis, keys: ScraperKeys, batch: BatchRecord): Promise<void> {
  await redis.set(keys.batch(batch.id), JSON.stringify(batch), "EX", BATCH_TTL_SECONDS);
}

/** The batch, or `null` when the id is unknown or expired. */
export async function loadBatch(redis: Redis, keys: ScraperKeys, id: string): Promise<BatchRecord | null> {
  if (!BATCH_ID.test(id)) return null;
  const value = await redis.get(keys.batch(id));
  if (value === null) return null;
  try {
    const batch = JSON.parse(value) as BatchRecord;
    return Array.isArray(batch.pages) && typeof batch.exportJobId === "string" ? batch : null;
  } catch {
    return null;
  }
}
