/**
 * A batch's export in the app's own key, `{ns}:export:{batch}` (a hash, 7 days): the JSON and CSV
 * files, and the counts the page shows. Written in one MULTI, so a reader sees all of it or none.
 */
import type { Redis } from "ioredis";
import { BATCH_TTL_SECONDS, type ScraperKeys } from "./keys";

/** The export's two files. */
export type ExportFormat = "json" | "csv";

/** What the page shows of an export without downloading it. */
export interface ExportSummary {
  books: number;
  failed: number;
  createdAt: string;
}

/** Saves both files and the counts. */
export async function saveExport(redis: Redis, keys: ScraperKeys, batchId: string, files: Record<ExportFormat, string>, summary: ExportSummary): Promise<void> {
  const key = keys.export(batchId);
  await redis
    .multi()
    .del(key)
    .hset(key, { json: files.json, csv: files.csv, books: String(summary.books), failed: String(summary.failed), created_at: summary.createdAt })
    .expire(key, BATCH_TTL_SECONDS)
    .exec();
}

/** One file of the export, or `null` while there is none. */
export function loadExportFile(redis: Redis, keys: ScraperKeys, batchId: string, format: ExportFormat): Promise<string | null> {
  return redis.hget(keys.export(batchId), format);
}

/** The export's counts, or `null` while there is none. */
export async function loadExportSummary(redis: Redis, keys: ScraperKeys, batchId: string): Promise<ExportSummary | null> {
  const [books, failed, createdAt] = await redis.hmget(keys.export(batchId), "books", "failed", "created_at");
  if (books == null || failed == null || createdAt == null) return null;
  return { books: Number(books), failed: Number(failed), createdAt };
}
