/**
 * Reads a book page with cheerio: the JSON-LD `Book` object first (structured data a site publishes on
 * purpose, and the least likely to change with a redesign), then today's `data-testid` markup, then the
 * classic selectors the timber.io tutorial used (`h1#bookTitle`, `a.authorName > span`,
 * `span[itemprop=ratingValue]`, the hidden full description). Each field takes the first place that
 * has it: JSON-LD carries no description, so a modern page's description comes from its markup.
 *
 * A page without a title or an author is not a book page this parser can read: `BookParseError`.
 */
import * as cheerio from "cheerio";
import { BookParseError } from "./errors";

/** Where a page's title was found, which tells its layout. */
export type BookMarkup = "json-ld" | "data-testid" | "classic";

/** What the scraper keeps of a book page. */
export interface ParsedBook {
  title: string;
  authors: string[];
  /** Average rating, 0 to 5, or null when the page shows none. */
  rating: number | null;
  ratingCount: number | null;
  /** The full description, paragraphs separated by a blank line, or null. */
  description: string | null;
  pages: number | null;
  isbn: string | null;
  markup: BookMarkup;
}

/** Parses the HTML of the book page at `url` (the URL only names the page in errors). */
export function parseBookPage(html: string, url: string): ParsedBook {
  const $ = cheerio.load(html);
  const ld = jsonLdBook($);
  const modernTitle = text($('h1[data-testid="bookTitle"]'));
  const classicTitle = ownText($("h1#bookTitle"));
  const title = str(ld?.name) ?? modernTitle ?? classicTitle;
  const authors = [ldAuthors(ld), texts($, '[data-testid="name"]'), texts($, "#bookAuthors a.authorName > span, a.authorName > span")].find((list) => list.length > 0) ?? [];
  const missing = [...(title ? [] : ["title"]), ...(authors.length > 0 ? [] : ["author"])];
  if (!title || missing.length > 0) throw new BookParseError(url, missing);
  const rating = ldNumber(ld?.aggregateRating, "ratingValue") ?? num(text($(".RatingStatistics__rating"))) ?? num(text($('span[itemprop="ratingValue"]')));
  return {
    title,
    authors,
    rating: rating !== null && rating >= 0 && rating <= 5 ? rating : null,
    ratingCount:
      integer(ldNumber(ld?.aggregateRating, "ratingCount")) ??
      integer(num(text($('[data-testid="ratingsCount"]')))) ??
      integer(num($('meta[itemprop="ratingCount"]').attr("content"))),
    description:
      paragraphs($, $('[data-testid="description"] .Formatted')) ??
      paragraphs($, $('#description span[style="display:none"]')) ??
      paragraphs($, $("#description span").first()),
    pages: integer(ldNumber(ld, "numberOfPages")) ?? integer(num(text($('[itemprop="numberOfPages"]')))) ?? integer(num(text($('[data-testid="pagesFormat"]')))),
    isbn: str(ld?.isbn) ?? text($('[itemprop="isbn"]')),
    markup: str(ld?.name) ? "json-ld" : modernTitle ? "data-testid" : "classic",
  };
}

type Json = Record<string, unknown>;
/** A cheerio selection, as `$(selector)` returns it. */
type Selection = ReturnType<cheerio.CheerioAPI>;

/** The first JSON-LD object whose `@type` is (or includes) `Book`, looking inside arrays and `@graph`. */
function jsonLdBook($: cheerio.CheerioAPI): Json | undefined {
  const candidates: unknown[] = [];
  $('script[type="application/ld+json"]').each((_, element) => {
    try {
      candidates.push(JSON.parse($(element).text()));
    } catch {
      // a broken JSON-LD block is skipped: the markup below still has the fields
    }
  });
  const isBook = (value: unknown): value is Json => {
    if (typeof value !== "object" || value === null) return false;
    const type = (value as Json)["@type"];
    return type === "Book" || (Array.isArray(type) && type.includes("Book"));
  };
  const flat = candidates.flatMap((value) => (Array.isArray(value) ? value : [value, ...asArray((value as Json | null)?.["@graph"])]));
  return flat.find(isBook);
}

function ldAuthors(ld: Json | undefined): string[] {
  return asArray(ld?.author)
    .map((author) => (typeof author === "string" ? author : str((author as Json | null)?.name)))
    .filter((name): name is string => Boolean(name?.trim()))
    .map((name) => collapse(name));
}

function ldNumber(value: unknown, field: string): number | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = (value as Json)[field];
  return typeof raw === "number" ? raw : typeof raw === "string" ? num(raw) : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Trimmed text with runs of white space as one space; null when empty. */
function text(selection: Selection): string | null {
  return selection.length === 0 ? null : collapse(selection.first().text()) || null;
}

/** The element's own text, without its children's: a malformed page's unclosed `<h1>` swallows what follows it. */
function ownText(selection: Selection): string | null {
  if (selection.length === 0) return null;
  return collapse(selection.first().contents().filter((_, node) => node.type === "text").text()) || null;
}

function texts($: cheerio.CheerioAPI, selector: string): string[] {
  const found = $(selector).map((_, element) => collapse($(element).text())).get();
  return [...new Set(found.filter(Boolean))];
}

/** Text with `<br>` as line breaks: paragraphs separated by one blank line, each paragraph's spaces collapsed. */
function paragraphs($: cheerio.CheerioAPI, selection: Selection): string | null {
  if (selection.length === 0) return null;
  const copy = $(selection.first().clone());
  copy.find("br").replaceWith("\n");
  const lines = copy.text().split("\n").map(collapse);
  const joined = lines.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return joined || null;
}

function collapse(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function str(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? collapse(value) : null;
}

/** The first number in a text (`"18,432 ratings"` → 18432, `" 4.21 "` → 4.21), or null. */
function num(value: string | null | undefined): number | null {
  const match = /\d[\d,]*(?:\.\d+)?/.exec(value ?? "");
  if (!match) return null;
  const parsed = Number(match[0].replace(/,/g, ""));
  return Number.isFinite(parsed) ? parsed : null;
}

function integer(value: number | null): number | null {
  return value !== null && Number.isInteger(value) && value >= 0 ? value : null;
}
