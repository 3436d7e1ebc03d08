/**
 * A batch's export as JSON and CSV: one row per submitted book, scraped or not (a failed page keeps
 * its row, with the error, so nothing submitted silently disappears from the export).
 *
 * The CSV follows RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote or line break)
 * and defuses spreadsheet formulas: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so a scraped title cannot run as a formula when the file is opened
 * (OWASP's "CSV injection").
 */
import type { PageView } from "./batch-view";

/** One book of an export. */
export interface ExportRow {
  url: string;
  status: string;
  title: string | null;
  authors: string[];
  rating: number | null;
  rating_count: number | null;
  pages: number | null;
  isbn: string | null;
  description: string | null;
  scraped_at: string | null;
  error: string | null;
}

/** The CSV's columns, in order. */
export const CSV_COLUMNS: ReadonlyArray<keyof ExportRow> = ["url", "status", "title", "authors", "rating", "rating_count", "pages", "isbn", "description", "scraped_at", "error"];

/** A page of a batch as an export row. */
export function exportRow(page: PageView): ExportRow {
  const book = page.book;
  return {
    url: page.url,
    status: page.status,
    title: book?.title ?? null,
    authors: book?.authors ?? [],
    rating: book?.rating ?? null,
    rating_count: book?.ratingCount ?? null,
    pages: book?.pages ?? null,
    isbn: book?.isbn ?? null,
    description: book?.description ?? null,
    scraped_at: book?.scrapedAt ?? null,
    error: page.status === "finished" ? null : page.error,
  };
}

/** The JSON export: the batch id, when it was made, and the rows. */
export function toJson(batchId: string, exportedAt: string, rows: readonly ExportRow[]): string {
  return `${JSON.stringify({ batch_id: batchId, exported_at: exportedAt, books: rows }, null, 2)}\n`;
}

/** The CSV export, with a header row. Authors are joined with "; ". */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(CSV_COLUMNS.map((column) => csvField(row[column])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** One CSV field: numbers as they are, text defused and quoted when it needs to be, null as empty. */
export function csvField(value: string | number | string[] | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let text = Array.isArray(value) ? value.join("; ") : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
