/**
 * The app's task names and the options their jobs are enqueued with. The web app enqueues by these
 * names; only the worker loads the task code (tasks/), so the web bundle never carries cheerio.
 */
import type { EnqueueOptions } from "@rqts/queue";
import type { ScraperConfig } from "./config";
import { BATCH_TTL_SECONDS, PAGE_JOB_RESULT_TTL } from "./keys";

/** The registered task names: what Redis stores in each job (never code). */
export const TASK_NAMES = {
  /** `(url: string)` → `{ url, title }`; the book itself goes to the app's key `{ns}:book:{hash}`. */
  scrapeBook: "goodreads-scraper.scrape-book",
  /** `(batchId: string)` → `{ books, failed }`; the JSON and CSV go to `{ns}:export:{batch}`. */
  exportBatch: "goodreads-scraper.export-batch",
} as const;

/** The longest retry wait, whatever the doubling reaches. */
const MAX_RETRY_DELAY = "10m";

/**
 * Options of a page job (the id and `unique` are added per URL): time for robots.txt and the page,
 * retries with exponential backoff for passing failures, and a result kept a day (so the id, and the
 * "already scraped" answer to a re-submit, last a day).
 */
export function pageJobOptions(config: Pick<ScraperConfig, "fetchTimeoutMs" | "retries" | "retryDelaySeconds">): EnqueueOptions {
  const options: EnqueueOptions = {
    // robots.txt and the page each get the fetch timeout; 10 s more for Redis and parsing
    timeout: `${Math.ceil((2 * config.fetchTimeoutMs) / 1000) + 10}s`,
    resultTtl: PAGE_JOB_RESULT_TTL,
  };
  if (config.retries > 0) {
    options.retry =
      config.retryDelaySeconds === 0
        ? { max: config.retries, intervals: 0 }
        : { max: config.retries, backoff: { type: "exponential", delay: `${config.retryDelaySeconds}s`, maxDelay: MAX_RETRY_DELAY, jitter: 0.5 } };
  }
  return options;
}

/** Options of a batch's export job (the id and its dependencies are added per batch). */
export const EXPORT_JOB_OPTIONS: EnqueueOptions = {
  timeout: "1m",
  resultTtl: `${BATCH_TTL_SECONDS}s`,
  failureTtl: `${BATCH_TTL_SECONDS}s`,
};
