/**
 * A fake book site in the shape of Goodreads, with our own fictional books (SCENARIOS.md (e), §2.5),
 * so the book-scraping scenario never touches goodreads.com.
 *
 * Routes:
 * - `GET /book/show/:id[-slug | .slug]` → the book in its fixed markup (classic or modern); the id
 *   alone decides, as on Goodreads. Unknown id → 404 page. `MALFORMED_BOOK_ID` → broken HTML.
 *   A book marked `slow` answers after `slowPageDelayMs`.
 * - `GET /list/show/:id[-slug][?page=N]` → a list page, `listPageSize` books per page
 * - `GET /covers/:id.png` → a generated cover
 * - `GET /robots.txt` → disallows `/private/` and `/search`; `GET /private/*` → served anyway
 * - anything else → the 404 page
 * The request log records each request's User-Agent, so tests can check a scraper identifies itself.
 */
import { BOOK_LISTS, BOOKSHELF_BOOKS, MALFORMED_BOOK, type BookFixture, type BookListFixture } from "./bookshelf-books.js";
import { bookPath, classicBookPage, listPage, listPath, malformedBookPage, modernBookPage, notFoundPage, privatePage, ROBOTS_TXT } from "./bookshelf-markup.js";
import { checkDelay, send, sendHtml, sendText, sleep, startFakeServer, type FakeRequest, type FakeServer, type FakeServerOptions, type Route } from "./http.js";
import { tinyPng } from "./png.js";

export type { BookAuthor, BookFixture, BookListFixture, BookMarkup } from "./bookshelf-books.js";
export { MALFORMED_BOOK_ID } from "./bookshelf-books.js";

export interface FakeBookshelfOptions extends FakeServerOptions {
  /**
   * How long the slow book's page takes, in milliseconds (on top of `latencyMs`).
   * @defaultValue 1500 — longer than a typical 1 s scraper timeout in a test
   */
  slowPageDelayMs?: number;
  /**
   * Books per list page.
   * @defaultValue 10 — so the full list (13 entries) has a second page
   */
  listPageSize?: number;
}

/** A running fake bookshelf. */
export interface FakeBookshelf extends FakeServer {
  /** The catalogue: every well-formed book, in id order. */
  books(): readonly BookFixture[];
  /** The list pages, with the book ids each shows. */
  lists(): readonly BookListFixture[];
  /** Absolute URL of a book page (`/book/show/<id>-<slug>`), or of the list page for a list. */
  urlOf(item: BookFixture | BookListFixture): string;
  /** Absolute URL of the malformed page. */
  readonly malformedBookUrl: string;
}

const DEFAULT_SLOW_PAGE_DELAY_MS = 1500;
const DEFAULT_LIST_PAGE_SIZE = 10;

/** Starts the fake bookshelf on a free port of 127.0.0.1. */
export async function startFakeBookshelf(options: FakeBookshelfOptions = {}): Promise<FakeBookshelf> {
  const slowPageDelayMs = checkDelay("slowPageDelayMs", options.slowPageDelayMs ?? DEFAULT_SLOW_PAGE_DELAY_MS);
  const listPageSize = options.listPageSize ?? DEFAULT_LIST_PAGE_SIZE;
  if (!Number.isInteger(listPageSize) || listPageSize < 1) throw new RangeError(`startFakeBookshelf: listPageSize must be an integer >= 1, got ${listPageSize}`);
  const byId = new Map(BOOKSHELF_BOOKS.map((book) => [book.id, book]));

  const routes: Route[] = [
    {
      method: "GET",
      // Goodreads accepts /book/show/123, /book/show/123-any-slug and /book/show/123.Any_Title.
      pattern: /^\/book\/show\/(?<id>\d+)(?:[-.][^/]*)?\/?$/,
      async handle(request, params) {
        const id = Number(params.id);
        if (id === MALFORMED_BOOK.id) return sendHtml(request.res, 200, malformedBookPage(MALFORMED_BOOK.title));
        const book = byId.get(id);
        if (!book) return notFound(request);
        if (book.slow) await sleep(slowPageDelayMs);
        sendHtml(request.res, 200, book.markup === "classic" ? classicBookPage(book) : modernBookPage(book, request.baseUrl));
      },
    },
    {
      method: "GET",
      pattern: /^\/list\/show\/(?<id>\d+)(?:[-.][^/]*)?\/?$/,
      handle(request, params) {
        const list = BOOK_LISTS.find((candidate) => candidate.id === Number(params.id));
        if (!list) return notFound(request);
        const entries = list.bookIds.map((id) => byId.get(id) ?? MALFORMED_BOOK);
        const pageCount = Math.max(1, Math.ceil(entries.length / listPageSize));
        const page = Number.parseInt(request.url.searchParams.get("page") ?? "1", 10) || 1;
        if (page < 1 || page > pageCount) return notFound(request);
        const first = (page - 1) * listPageSize;
        sendHtml(request.res, 200, listPage(list, entries.slice(first, first + listPageSize), page, pageCount, first + 1));
      },
    },
    {
      method: "GET",
      pattern: /^\/covers\/(?<id>\d+)\.png$/,
      handle(request, params) {
        const book = byId.get(Number(params.id));
        if (!book) return notFound(request);
        // Covers are portrait; colours shift with the id so each book has its own.
        const hue = (book.id * 47) % 200;
        send(request.res, 200, tinyPng(30, 45, [40 + hue / 2, 60, 120 - hue / 2], [230, 200 - hue / 2, 150]), "image/png");
      },
    },
    { method: "GET", pattern: /^\/robots\.txt$/, handle: (request) => sendText(request.res, 200, ROBOTS_TXT) },
    { method: "GET", pattern: /^\/private(?:\/.*)?$/, handle: (request) => sendHtml(request.res, 200, privatePage(request.url.pathname)) },
  ];

  const core = await startFakeServer({
    routes,
    latencyMs: options.latencyMs,
    notFound,
    renderFailure: (request, status) => sendHtml(request.res, status, `<!DOCTYPE html><title>Error ${status}</title><h1>Something went wrong (${status})</h1>`),
  });

  return {
    ...core,
    books: () => BOOKSHELF_BOOKS,
    lists: () => BOOK_LISTS,
    urlOf: (item) => `${core.url}${"bookIds" in item ? listPath(item) : bookPath(item)}`,
    malformedBookUrl: `${core.url}${bookPath(MALFORMED_BOOK)}`,
  };
}

function notFound(request: FakeRequest): void {
  sendHtml(request.res, 404, notFoundPage(request.url.pathname));
}
