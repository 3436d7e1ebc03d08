/**
 * Submitting a list of book URLs: the timber.io app's `POST /parseGoodreadsLinks`, made idempotent
 * and polite.
 *
 * 1. Check every URL (allowed sites and book pages only; all or nothing) and drop repeats.
 * 2. For each book, enqueue its page job under the id its URL hashes to, on its host's queue, with
 *    `unique: true`: a book already queued, running or scraped keeps its one job, and a book whose job
 *    failed gets that job queued again. Submitting the same URLs twice fetches nothing twice.
 * 3. Save the batch record, then enqueue its export job, which depends on every page job with
 *    `allowFailure`: it runs once each page has finished or finally failed.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { DuplicateJobError, InvalidJobOperationError, Job, Queue, type EnqueueOptions } from "@rqts/queue";
import { checkBookUrls, type BookUrl } from "./book-url";
import { saveBatch, type BatchRecord, type Submission } from "./batch-store";
import type { ScraperConfig } from "./config";
import type { ScraperKeys } from "./keys";
import { EXPORT_JOB_OPTIONS, TASK_NAMES, pageJobOptions } from "./task-catalog";

/** Checks and schedules a submitted list; throws `InvalidInputError` listing refused URLs (nothing is enqueued then). */
export async function submitBatch(redis: Redis, config: ScraperConfig, keys: ScraperKeys, urls: unknown): Promise<BatchRecord> {
  const { books, duplicates } = checkBookUrls(urls, config);
  const options = pageJobOptions(config);
  const pages = await Promise.all(
    books.map(async (book) => {
      const queue = keys.pagesQueue(book.host);
      const jobId = keys.pageJobId(book.url);
      return { url: book.url, jobId, queue, submitted: await schedulePage(redis, queue, jobId, book, options) };
    }),
  );
  const id = randomUUID().replaceAll("-", "");
  const batch: BatchRecord = { id, createdAt: new Date().toISOString(), pages, duplicates, exportJobId: keys.exportJobId(id) };
  // #region export-after-pages
  // The record first: the export job reads it, and may run as soon as it is enqueued.
  await saveBatch(redis, keys, batch);
  await new Queue(keys.exportsQueue, { connection: redis }).enqueue(TASK_NAMES.exportBatch, [id], {
    ...EXPORT_JOB_OPTIONS,
    jobId: batch.exportJobId,
    description: `export of batch ${id} (${pages.length} books)`,
    dependsOn: { jobs: pages.map((page) => page.jobId), allowFailure: true },
  });
  // #endregion export-after-pages
  return batch;
}

// #region schedule-page
/** Enqueues the page job of one book unless it exists; a failed one is queued again. */
async function schedulePage(redis: Redis, queueName: string, jobId: string, book: BookUrl, options: EnqueueOptions): Promise<Submission> {
  const queue = new Queue(queueName, { connection: redis });
  /** Enqueues unless a job with the id exists (atomically: two racing submits cannot both win). */
  const enqueueUnlessExists = async (): Promise<boolean> => {
    try {
      await queue.enqueue(TASK_NAMES.scrapeBook, [book.url], { ...options, jobId, unique: true, description: `scrape ${book.url}` });
      return true;
    } catch (error) {
      if (error instanceof DuplicateJobError) return false;
      throw error;
    }
  };
  if (await enqueueUnlessExists()) return "new";
  // The same URL was submitted before: its job is queued, running, scraped or failed.
  const job = await Job.tryFetch(redis, jobId);
  if (!job) return (await enqueueUnlessExists()) ? "new" : "existing"; // it expired a moment ago
  if (job.status === "failed" || job.status === "stopped") {
    try {
      await job.requeue();
      return "retried";
    } catch (error) {
      if (!(error instanceof InvalidJobOperationError)) throw error;
      return "existing"; // another submit requeued it a moment ago
    }
  }
  if (job.status === "canceled") {
    // A canceled job never releases its dependents, even with allowFailure: replace it with a fresh one.
    await job.delete();
    await enqueueUnlessExists();
    return "retried";
  }
  return "existing";
}
// #endregion schedule-page
