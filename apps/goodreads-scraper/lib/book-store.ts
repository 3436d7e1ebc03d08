/**
 * Scraped books in the app's own keys, `{ns}:book:{hash}` (JSON, no expiry), as the timber.io app kept
 * each book under `GOODREADS_BOOKS_INFO:<url>`: the data outlives the job that fetched it, and anyone
 * can read it by URL without knowing a job id.
 */
import type { Redis } from "ioredis";
import type { ParsedBook } from "./book-parser";
import type { ScraperKeys } from "./keys";

/** A stored book: what the parser read, where, and when. */
export interface BookRecord extends ParsedBook {
  /** The canonical URL it was scraped from. */
  url: string;
  /** ISO time of the scrape. */
  scrapedAt: string;
}

/** Saves (or replaces) the book scraped from `record.url`. */
export async function saveBook(redis: Redis, keys: ScraperKeys, record: BookRecord): Promise<void> {
  await redis.set(keys.book(record.url), JSON.stringify(record));
}

/** The books stored for these canonical URLs, in order; `null` where none is stored (or the value is not a book). */
export async function loadBooks(redis: Redis, keys: ScraperKeys, urls: readonly string[]): Promise<Array<BookRecord | null>> {
  if (urls.length === 0) return [];
  const values = await redis.mget(...urls.map((url) => keys.book(url)));
  return values.map((value) => parseRecord(value));
}

function parseRecord(value: string | null): BookRecord | null {
  if (value === null) return null;
  try {
    const record = JSON.parse(value) as Partial<BookRecord>;
    // Someone else's value under our key is treated as no book, never trusted as one.
    return typeof record.title === "string" && typeof record.url === "string" && Array.isArray(record.authors) ? (record as BookRecord) : null;
  } catch {
    return null;
  }
}
