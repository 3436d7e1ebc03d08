/**
 * The parser on the fixture bookshelf's real pages (both markups, the malformed page, the 404 page)
 * and on hand-made pages that pin down the order JSON-LD → data-testid → classic.
 */
import { describe, expect, it } from "vitest";
import type { BookFixture } from "@rqts/testing";
import { parseBookPage } from "../lib/book-parser";
import { SAMPLE_BOOK_PATHS } from "../lib/demo-samples";
import { BookParseError } from "../lib/errors";
import { useServers } from "./helpers";

const ctx = useServers({ slowPageDelayMs: 10 });
const html = async (url: string) => (await fetch(url)).text();

/** What the parser should read from a fixture's page. */
function expected(book: BookFixture) {
  return {
    title: book.title,
    authors: book.authors.map((author) => author.name),
    rating: book.rating,
    ratingCount: book.ratingCount,
    description: book.description.join("\n\n"),
    pages: book.pages,
    isbn: book.isbn13,
    markup: book.markup === "classic" ? "classic" : "json-ld",
  };
}

describe("parseBookPage on the fixture bookshelf", () => {
  /** Parses every fixture page of one markup and compares it with the fixture. */
  async function expectEveryBookRead(markup: BookFixture["markup"]) {
    const books = ctx.shelf.books().filter((book) => book.markup === markup);
    expect(books.length).toBeGreaterThanOrEqual(5);
    for (const book of books) {
      const url = ctx.shelf.urlOf(book);
      expect(parseBookPage(await html(url), url)).toEqual(expected(book));
    }
  }

  it("reads every classic page with the timber.io tutorial's selectors: title, authors, rating, the full hidden description", async () => {
    await expectEveryBookRead("classic");
  });

  it("reads every modern page from its JSON-LD, and the description (which JSON-LD lacks) from data-testid markup", async () => {
    await expectEveryBookRead("modern");
  });

  it("gets markup characters back as text: &, quotes and <Small> in a title are not HTML", async () => {
    const book = ctx.shelf.books().find((candidate) => candidate.title.includes("<Small>"))!;
    const url = ctx.shelf.urlOf(book);
    expect(parseBookPage(await html(url), url).title).toBe('Bread & Circuits: "Recipes" for <Small> Robots');
  });

  it("refuses the malformed page with BookParseError naming what is missing, and does not take the swallowed text as its title", async () => {
    const url = ctx.shelf.malformedBookUrl;
    const page = await html(url);
    expect(() => parseBookPage(page, url)).toThrow(BookParseError);
    expect(() => parseBookPage(page, url)).toThrow(`${url}: not a readable book page: no author found (looked in JSON-LD, data-testid and classic markup)`);
  });

  it("refuses the site's 404 page: no title and no author", async () => {
    const url = `${ctx.shelf.url}/book/show/4040`;
    try {
      parseBookPage(await html(url), url);
      expect.unreachable("the 404 page parsed as a book");
    } catch (caught) {
      expect(caught).toBeInstanceOf(BookParseError);
      expect((caught as BookParseError).missing).toEqual(["title", "author"]);
    }
  });

  it("offers demo samples that exist on the fixture site, and fail or succeed as they say", async () => {
    for (const { path, shows } of SAMPLE_BOOK_PATHS) {
      const response = await fetch(`${ctx.shelf.url}${path}`);
      expect([path, response.status]).toEqual([path, shows.includes("404") ? 404 : 200]);
      await response.text();
    }
  });
});

describe("parseBookPage's order of sources", () => {
  const page = (head: string, body: string) => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;
  const ld = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;
  const classicBody = `<h1 id="bookTitle">Classic Title</h1><div id="bookAuthors"><a class="authorName"><span itemprop="name">Classic Author</span></a></div>
    <span itemprop="ratingValue"> 3.50 </span><div id="description"><span>Classic text.</span></div>`;

  it("prefers JSON-LD over markup, field by field, and falls back to markup for what JSON-LD lacks", () => {
    const book = parseBookPage(page(ld({ "@type": "Book", name: "LD Title", author: [{ name: "LD Author" }], aggregateRating: { ratingValue: "4.5" } }), classicBody), "u");
    expect(book).toMatchObject({ title: "LD Title", authors: ["LD Author"], rating: 4.5, description: "Classic text.", markup: "json-ld" });
  });

  it("finds the Book inside an @graph, next to other JSON-LD objects", () => {
    const graph = { "@context": "https://schema.org", "@graph": [{ "@type": "WebPage", name: "Not a book" }, { "@type": ["Book", "CreativeWork"], name: "Graph Title", author: "Graph Author" }] };
    expect(parseBookPage(page(ld(graph), ""), "u")).toMatchObject({ title: "Graph Title", authors: ["Graph Author"], markup: "json-ld" });
  });

  it("skips a broken JSON-LD block and reads the classic markup", () => {
    const book = parseBookPage(page('<script type="application/ld+json">{ "@type": "Book", name: </script>', classicBody), "u");
    expect(book).toMatchObject({ title: "Classic Title", authors: ["Classic Author"], rating: 3.5, markup: "classic" });
  });

  it("uses data-testid markup when there is no JSON-LD, and ignores a rating outside 0..5", () => {
    const body = `<h1 data-testid="bookTitle">Modern Title</h1><span data-testid="name">Modern Author</span><div class="RatingStatistics__rating">7.9</div>`;
    expect(parseBookPage(page("", body), "u")).toMatchObject({ title: "Modern Title", authors: ["Modern Author"], rating: null, markup: "data-testid" });
  });
});
