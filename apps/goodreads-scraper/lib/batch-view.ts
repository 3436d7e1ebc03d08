/**
 * A batch as the page, the status route and the export read it: each page's job status (or error) and
 * stored book, and the export's state. Reads only: job hashes, result entries, the app's keys.
 */
import type { Redis } from "ioredis";
import { Job, type JobStatus } from "@rqts/queue";
import { loadBatch, type BatchRecord, type Submission } from "./batch-store";
import { loadBooks, type BookRecord } from "./book-store";
import { loadExportSummary } from "./export-store";
import type { ScraperKeys } from "./keys";

/** Statuses after which a job does not change again on its own. */
export const ENDED: ReadonlySet<PageStatus> = new Set<PageStatus>(["finished", "failed", "stopped", "canceled", "expired"]);

/** A job status, or `expired`: the job is gone (its result TTL passed) and no book was stored. */
export type PageStatus = JobStatus | "expired";

/** One book of a batch: where its job is, and what it found. */
export interface PageView {
  url: string;
  job_id: string;
  submitted: Submission;
  status: PageStatus;
  /** Retries used so far (0 while on its first attempt). */
  retries: number;
  /** The last line of the error once failed (`RobotsDisallowedError: …`), or the last attempt's error while it waits to be retried. */
  error: string | null;
  book: BookRecord | null;
}

/** A batch's export job and files. */
export interface ExportView {
  job_id: string;
  /** The export job's status: `deferred` while pages are pending. */
  status: PageStatus;
  /** Whether the JSON and CSV can be downloaded. */
  ready: boolean;
  books: number | null;
  failed: number | null;
}

/** A batch, as `GET /api/batches/{id}` answers it. */
export interface BatchView {
  batch_id: string;
  created_at: string;
  total: number;
  /** Pages that ended (scraped, failed, or gone). */
  ended: number;
  /** Repeats dropped from the submitted list. */
  duplicates: number;
  pages: PageView[];
  export: ExportView;
  /** True once the export is ready (or failed): nothing in the batch changes any more. */
  finished: boolean;
}

/** The batch's current state, or `null` for an unknown or expired batch id. */
export async function readBatch(redis: Redis, keys: ScraperKeys, batchId: string): Promise<BatchView | null> {
  const batch = await loadBatch(redis, keys, batchId);
  return batch ? viewBatch(redis, keys, batch) : null;
}

/** The state of a loaded batch record. */
export async function viewBatch(redis: Redis, keys: ScraperKeys, batch: BatchRecord): Promise<BatchView> {
  const [books, jobs, exportJob, exported] = await Promise.all([
    loadBooks(redis, keys, batch.pages.map((page) => page.url)),
    Promise.all(batch.pages.map((page) => Job.tryFetch(redis, page.jobId))),
    Job.tryFetch(redis, batch.exportJobId),
    loadExportSummary(redis, keys, batch.id),
  ]);
  const pages = await Promise.all(
    batch.pages.map(async (page, index): Promise<PageView> => {
      const job = jobs[index] ?? null;
      const book = books[index] ?? null;
      return {
        url: page.url,
        job_id: page.jobId,
        submitted: page.submitted,
        status: job ? job.status : book ? "finished" : "expired",
        retries: job ? job.attempts - 1 : 0,
        error: job ? await lastError(job) : null,
        book,
      };
    }),
  );
  const exportStatus: PageStatus = exportJob ? exportJob.status : exported ? "finished" : "expired";
  return {
    batch_id: batch.id,
    created_at: batch.createdAt,
    total: pages.length,
    ended: pages.filter((page) => ENDED.has(page.status)).length,
    duplicates: batch.duplicates,
    pages,
    export: { job_id: batch.exportJobId, status: exportStatus, ready: exported !== null, books: exported?.books ?? null, failed: exported?.failed ?? null },
    finished: exported !== null || (exportJob !== null && ENDED.has(exportJob.status)),
  };
}

/**
 * What went wrong: for a failed job the last line of its stored error (`Name: message`); for a job
 * waiting to be tried again, the error of its last attempt, which the task keeps in `meta.last_error`
 * (a retried attempt writes no result entry).
 */
async function lastError(job: Job): Promise<string | null> {
  if (job.status === "failed" || job.status === "stopped") {
    const latest = await job.latestResult();
    if (latest && latest.type !== "successful") return latest.excString?.trimEnd().split("\n").pop()?.trim() || "failed (no error text was stored)";
  }
  if (job.status === "finished") return null;
  return typeof job.meta.last_error === "string" ? job.meta.last_error : null;
}
