/**
 * The page job, the timber.io app's `parse_and_persist_book_info(url)` made polite: check the URL
 * again (a job may come from any producer), ask robots.txt, fetch the page as an identified bot,
 * parse it with cheerio, and store the book under the app's own key. The job's result is only
 * `{ url, title }`; the book lives on in `{ns}:book:{hash}` after the job expires.
 *
 * Failures retrying can fix (timeouts, 5xx, 429) throw `PageFetchError` and use the job's retries;
 * the rest (404, robots.txt says no, not a book page) fail at once.
 */
import type { Redis } from "ioredis";
import { currentJob, defineTask } from "@rqts/queue";
import { parseBookPage } from "../lib/book-parser";
import { saveBook } from "../lib/book-store";
import { checkBookUrl, type BookUrl } from "../lib/book-url";
import type { ScraperConfig } from "../lib/config";
import { InvalidInputError, PageFetchError, PageUnavailableError, RobotsDisallowedError, UrlRefusedError } from "../lib/errors";
import { scraperKeys } from "../lib/keys";
import { loadRobotsTxt } from "../lib/robots-cache";
import { fetchFromSite, type SiteResponse } from "../lib/site-fetch";
import { TASK_NAMES } from "../lib/task-catalog";

/** What the page task is built with (the worker's settings). */
export interface ScrapeSettings {
  /** Where books and the robots.txt cache are kept. */
  connection: Redis;
  config: Pick<ScraperConfig, "mode" | "allowedOrigins" | "namespace" | "userAgent" | "fetchTimeoutMs">;
}

const HTML_TYPES = ["text/html", "application/xhtml+xml"];

// #region scrape-book-task
/** The page task: `(url)` → `{ url, title }`, the book saved under the app's key. */
export function scrapeBookTask({ connection, config }: ScrapeSettings) {
  const keys = scraperKeys(config.namespace);
  return defineTask(TASK_NAMES.scrapeBook, async (url: string) => {
    const job = currentJob();
    try {
      const book = checkAgain(url, config);
      const polite = { userAgent: config.userAgent, timeoutMs: config.fetchTimeoutMs };
      const robots = await loadRobotsTxt(connection, keys.robots(book.origin), book.origin, polite);
      if (!robots.isAllowed(new URL(book.url).pathname, config.userAgent)) throw new RobotsDisallowedError(book.url, config.userAgent);
      const page = await fetchFromSite(book.url, { ...polite, signal: job.signal, accept: "text/html, application/xhtml+xml" });
      const parsed = parseBookPage(htmlOf(book.url, page), book.url);
      await saveBook(connection, keys, { url: book.url, scrapedAt: new Date().toISOString(), ...parsed });
      return { url: book.url, title: parsed.title };
    } catch (error) {
      // A retried attempt stores no result entry: keep its error where the page can show it meanwhile.
      job.meta.last_error = `${(error as Error).name}: ${(error as Error).message}`;
      await job.saveMeta().catch(() => undefined);
      throw error;
    }
  });
}
// #endregion scrape-book-task

/** The URL under the same rules the web app applied; refused for good when it breaks them. */
function checkAgain(url: unknown, config: ScrapeSettings["config"]): BookUrl {
  try {
    return checkBookUrl(url, config);
  } catch (error) {
    if (error instanceof InvalidInputError) throw new UrlRefusedError(String(url), error.message);
    throw error;
  }
}

/** The page's HTML, or why there is none: a passing failure (retried) or a lasting one. */
function htmlOf(url: string, page: SiteResponse): string {
  const { status } = page;
  if (status === 408 || status === 429 || status >= 500) throw new PageFetchError(url, `answered HTTP ${status}; trying again later`);
  if (status === 404 || status === 410) throw new PageUnavailableError(url, `answered HTTP ${status}: there is no such book page`);
  if (status < 200 || status >= 300) throw new PageUnavailableError(url, `answered HTTP ${status}`);
  if (!HTML_TYPES.includes(page.mediaType)) throw new PageUnavailableError(url, `is ${page.mediaType || "of no declared type"}, not an HTML page`);
  return page.text;
}
