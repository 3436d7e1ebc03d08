/**
 * THE place where the app's queue names, job ids and Redis keys are made. `{ns}` is the namespace
 * (`GOODREADS_SCRAPER_NAMESPACE`, default `goodreads-scraper`).
 *
 * | Name | Kind | Holds | Expires |
 * |---|---|---|---|
 * | `{ns}.pages.{host}` | queue | one job per book page of that host; the queue carries the host's rate limit | – |
 * | `{ns}.exports` | queue | one export job per batch | – |
 * | `book-{hash}` | job id | the page job of one book URL: the same URL always gets the same id | 1 day after success |
 * | `export-{batch}` | job id | a batch's export job | 7 days |
 * | `{ns}:book:{hash}` | string, JSON | the book scraped from that URL (the app's own key, not the job's result) | never |
 * | `{ns}:batch:{batch}` | string, JSON | a submitted batch: its URLs, their job ids, its export job | 7 days |
 * | `{ns}:export:{batch}` | hash | the export: fields `json`, `csv`, `created_at` | 7 days |
 * | `{ns}:robots:{origin}` | string | a site's robots.txt as fetched (or `""` when it has none) | 1 hour |
 *
 * `{hash}` is the first 32 hex digits of SHA-256 over the namespace and the canonical URL: Redis keys
 * and RQ job ids stay short and safe whatever the URL holds, and two namespaces never share a job.
 */
import { createHash } from "node:crypto";

/** How long a finished page job (and so its id) lives: a URL submitted again within a day is not fetched again. */
export const PAGE_JOB_RESULT_TTL = "1d";
/** How long a batch, its export and its export job are kept. */
export const BATCH_TTL_SECONDS = 7 * 24 * 3600;
/** How long a fetched robots.txt is trusted before it is fetched again. */
export const ROBOTS_TTL_SECONDS = 3600;

// #region url-hash
/** The hash that names one canonical book URL inside a namespace. */
export function urlHash(namespace: string, canonicalUrl: string): string {
  return createHash("sha256").update(`${namespace}\n${canonicalUrl}`).digest("hex").slice(0, 32);
}
// #endregion url-hash

/** Queue names, job ids and keys of one namespace. */
export function scraperKeys(namespace: string) {
  return {
    /** The queue of one host's book pages, e.g. `goodreads-scraper.pages.books.example.org` (`:` of a port becomes `_`). */
    pagesQueue: (host: string) => `${namespace}.pages.${host.toLowerCase().replace(/[:[\]]/g, (ch) => (ch === ":" ? "_" : ""))}`,
    exportsQueue: `${namespace}.exports`,
    // #region page-job-id
    pageJobId: (canonicalUrl: string) => `book-${urlHash(namespace, canonicalUrl)}`,
    // #endregion page-job-id
    exportJobId: (batchId: string) => `export-${batchId}`,
    book: (canonicalUrl: string) => `${namespace}:book:${urlHash(namespace, canonicalUrl)}`,
    batch: (batchId: string) => `${namespace}:batch:${batchId}`,
    export: (batchId: string) => `${namespace}:export:${batchId}`,
    robots: (origin: string) => `${namespace}:robots:${origin}`,
  };
}

/** The names of one namespace, as `scraperKeys` makes them. */
export type ScraperKeys = ReturnType<typeof scraperKeys>;
