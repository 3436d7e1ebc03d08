/**
 * The aggregate job of a batch: it depends on every page job of the batch (with `allowFailure`), so it
 * runs once each page has been scraped or has finally failed, and writes the batch's JSON and CSV
 * export to the app's key `{ns}:export:{batch}`. Returns the counts.
 */
import type { Redis } from "ioredis";
import { UnrecoverableError, defineTask } from "@rqts/queue";
import { loadBatch } from "../lib/batch-store";
import { viewBatch } from "../lib/batch-view";
import type { ScraperConfig } from "../lib/config";
import { exportRow, toCsv, toJson } from "../lib/export-format";
import { saveExport } from "../lib/export-store";
import { scraperKeys } from "../lib/keys";
import { TASK_NAMES } from "../lib/task-catalog";

/** What the export task is built with. */
export interface ExportSettings {
  connection: Redis;
  config: Pick<ScraperConfig, "namespace">;
}

/** The export task: `(batchId)` → `{ books, failed }`. */
export function exportBatchTask({ connection, config }: ExportSettings) {
  const keys = scraperKeys(config.namespace);
  return defineTask(TASK_NAMES.exportBatch, async (batchId: string) => {
    const batch = await loadBatch(connection, keys, String(batchId));
    if (!batch) throw new UnrecoverableError(`Batch "${String(batchId).slice(0, 64)}" does not exist (it expired after 7 days, or was never submitted)`);
    const view = await viewBatch(connection, keys, batch);
    const rows = view.pages.map(exportRow);
    const exportedAt = new Date().toISOString();
    const books = rows.filter((row) => row.status === "finished").length;
    const summary = { books, failed: rows.length - books, createdAt: exportedAt };
    await saveExport(connection, keys, batch.id, { json: toJson(batch.id, exportedAt, rows), csv: toCsv(rows) }, summary);
    return { books: summary.books, failed: summary.failed };
  });
}
