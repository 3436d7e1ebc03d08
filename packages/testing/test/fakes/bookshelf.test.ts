import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as cheerio from "cheerio";
import { readPngSize, startFakeBookshelf, type BookFixture, type FakeBookshelf } from "../../src/index.js";

describe("fake bookshelf (a Goodreads-shaped site of our own books)", () => {
  let shelf: FakeBookshelf;
  const load = async (url: string) => cheerio.load(await (await fetch(url)).text());
  const book = (id: number): BookFixture => {
    const found = shelf.books().find((b) => b.id === id);
    if (!found) throw new Error(`no fixture ${id}`);
    return found;
  };

  beforeAll(async () => {
    shelf = await startFakeBookshelf({ slowPageDelayMs: 150 });
  });
  afterAll(() => shelf.close());
  beforeEach(() => shelf.reset());

  it("has a dozen books, some in each markup", () => {
    expect(shelf.books()).toHaveLength(12);
    expect(shelf.books().filter((b) => b.markup === "classic").length).toBeGreaterThanOrEqual(5);
    expect(shelf.books().filter((b) => b.markup === "modern").length).toBeGreaterThanOrEqual(5);
  });

  describe("classic book pages", () => {
    it("answer the timber.io tutorial's selectors for every classic book", async () => {
      for (const fixture of shelf.books().filter((b) => b.markup === "classic" && !b.slow)) {
        const $ = await load(shelf.urlOf(fixture));
        expect($("h1#bookTitle").text().trim()).toBe(fixture.title);
        expect($("a.authorName > span").first().text()).toBe(fixture.authors[0]?.name);
        expect(Number.parseFloat($("#bookMeta span[itemprop=ratingValue]").text().trim())).toBe(fixture.rating);
        expect($('#bookMeta meta[itemprop="ratingCount"]').attr("content")).toBe(String(fixture.ratingCount));
        expect($('[data-testid="bookTitle"]').length).toBe(0);
        expect($('script[type="application/ld+json"]').length).toBe(0);
      }
    });

    it("keep a long description whole in the hidden span (paragraphs split by <br>)", async () => {
      const fixture = book(1101);
      const $ = await load(shelf.urlOf(fixture));
      const hidden = $('div#description span[style="display:none"]');
      expect(hidden.text()).toBe(fixture.description.join(""));
      expect(hidden.find("br")).toHaveLength(2);
      expect($("#freeTextContainer1101").text()).toMatch(/…$/);
    });

    it("show a short description whole, with no hidden span", async () => {
      const $ = await load(shelf.urlOf(book(1105)));
      expect($('div#description span[style="display:none"]').length).toBe(0);
      expect($("div#description span").first().text()).toBe(book(1105).description[0]);
    });
  });

  describe("modern book pages", () => {
    it("carry data-testid markup and a JSON-LD Book for every modern book", async () => {
      for (const fixture of shelf.books().filter((b) => b.markup === "modern")) {
        const $ = await load(shelf.urlOf(fixture));
        expect($('h1[data-testid="bookTitle"]').text()).toBe(fixture.title);
        expect($('[data-testid="name"]').map((_, el) => $(el).text()).get()).toEqual(fixture.authors.map((a) => a.name));
        expect($('div[data-testid="description"] .Formatted').text()).toBe(fixture.description.join(""));
        expect($('p[data-testid="pagesFormat"]').text()).toBe(`${fixture.pages} pages, ${fixture.format}`);
        expect($('p[data-testid="publicationInfo"]').text()).toMatch(/^First published [A-Z][a-z]+ \d{1,2}, \d{4}$/);
        expect($("h1#bookTitle").length).toBe(0);

        const ld = JSON.parse($('script[type="application/ld+json"]').text()) as Record<string, unknown>;
        expect(ld).toEqual({
          "@context": "https://schema.org",
          "@type": "Book",
          name: fixture.title,
          image: `${shelf.url}/covers/${fixture.id}.png`,
          bookFormat: fixture.format,
          numberOfPages: fixture.pages,
          inLanguage: "English",
          isbn: fixture.isbn13,
          author: fixture.authors.map((a) => ({ "@type": "Person", name: a.name, url: expect.stringContaining(`/author/show/${a.id}.`) })),
          aggregateRating: { "@type": "AggregateRating", ratingValue: fixture.rating, ratingCount: fixture.ratingCount, reviewCount: fixture.reviewCount },
        });
      }
    });

    it("list every author of a co-written book", async () => {
      const $ = await load(shelf.urlOf(book(1104)));
      expect($('[data-testid="name"]').length).toBe(2);
    });
  });

  describe("escaping", () => {
    it("escapes &, quotes and < so the text reads back exactly", async () => {
      const fixture = book(1103);
      const html = await (await fetch(shelf.urlOf(fixture))).text();
      expect(html).toContain("Bread &amp; Circuits: &quot;Recipes&quot; for &lt;Small&gt; Robots");
      expect(html).not.toContain("<Small>");
      const $ = cheerio.load(html);
      expect($("h1#bookTitle").text().trim()).toBe(fixture.title);
      expect($("title").text()).toBe(`${fixture.title} by ${fixture.authors[0]?.name}`);
      expect($('div#description span[style="display:none"]').text()).toContain('3 < 4 "in spirit"');
    });

    it("keeps non-ASCII letters intact", async () => {
      const $ = await load(shelf.urlOf(book(1107)));
      expect($("a.authorName > span").text()).toBe("Halvard Mørk");
      expect($("h1#bookTitle").text().trim()).toBe("The Beekeeper’s Arithmetic");
    });
  });

  describe("URLs and errors", () => {
    it("finds a book by its id whatever the slug", async () => {
      for (const path of ["/book/show/1102", "/book/show/1102-wrong-slug", "/book/show/1102.Seven_Bells"]) {
        const $ = await load(`${shelf.url}${path}`);
        expect($('h1[data-testid="bookTitle"]').text()).toBe("Seven Bells for the Salt Road");
      }
    });

    it("answers an unknown book with a 404 HTML page", async () => {
      const response = await fetch(`${shelf.url}/book/show/4242-no-such-book`);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(cheerio.load(await response.text())("h1").text()).toBe("Page not found");
    });

    it("serves a malformed page: broken HTML with the title but no author, rating or description", async () => {
      const response = await fetch(shelf.malformedBookUrl);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).not.toContain("</html>");
      const $ = cheerio.load(html);
      expect($("h1#bookTitle").text()).toContain("The Unfinished Page");
      expect($("a.authorName > span").length).toBe(0);
      expect($("span[itemprop=ratingValue]").text().trim()).toBe("");
      expect($('div#description span[style="display:none"]').length).toBe(0);
    });

    it("serves the slow book after slowPageDelayMs, so a short timeout aborts", async () => {
      const slow = shelf.books().find((b) => b.slow);
      if (!slow) throw new Error("no slow book");
      await expect(fetch(shelf.urlOf(slow), { signal: AbortSignal.timeout(40) })).rejects.toThrow();
      const started = performance.now();
      const $ = await load(shelf.urlOf(slow));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect($("h1#bookTitle").text().trim()).toBe(slow.title);
    });

    it("failNext answers with an HTML error page", async () => {
      shelf.failNext(1, 503);
      const response = await fetch(shelf.urlOf(book(1101)));
      expect(response.status).toBe(503);
      expect(await response.text()).toContain("Something went wrong (503)");
    });
  });

  describe("list pages", () => {
    it("list books in schema.org rows whose links lead to the book pages", async () => {
      const [picks] = shelf.lists();
      if (!picks) throw new Error("no list");
      const $ = await load(shelf.urlOf(picks));
      const rows = $('tr[itemtype="http://schema.org/Book"]');
      expect(rows).toHaveLength(picks.bookIds.length);
      const first = rows.first();
      const fixture = book(picks.bookIds[0] ?? 0);
      expect(first.find("a.bookTitle").text()).toBe(fixture.title);
      expect(first.find("span[itemprop=author] span[itemprop=name]").text()).toBe(fixture.authors[0]?.name);
      expect(first.find("span.minirating").text()).toBe(`${fixture.rating.toFixed(2)} avg rating — ${fixture.ratingCount.toLocaleString("en-US")} ratings`);
      const href = first.find("a.bookTitle").attr("href") ?? "";
      expect((await fetch(new URL(href, shelf.url))).status).toBe(200);
      expect($("a.next_page").length).toBe(0);
    });

    it("split a long list into pages linked by a.next_page / a.previous_page", async () => {
      const everything = shelf.lists()[1];
      if (!everything) throw new Error("no list");
      const page1 = await load(shelf.urlOf(everything));
      expect(page1('tr[itemtype="http://schema.org/Book"]')).toHaveLength(10);
      const next = page1("a.next_page").attr("href") ?? "";
      const page2 = await load(new URL(next, shelf.url).toString());
      const titles = page2("a.bookTitle").map((_, el) => page2(el).text()).get();
      expect(titles).toHaveLength(3);
      expect(titles.at(-1)).toBe("The Unfinished Page");
      expect(page2("a.previous_page").length).toBe(1);
      expect(page2("a.next_page").length).toBe(0);
      expect((await fetch(`${shelf.urlOf(everything)}?page=3`)).status).toBe(404);
      expect((await fetch(`${shelf.url}/list/show/99`)).status).toBe(404);
    });
  });

  describe("robots.txt, covers and the request log", () => {
    it("robots.txt disallows /private/ for everyone", async () => {
      const response = await fetch(`${shelf.url}/robots.txt`);
      expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(await response.text()).toMatch(/User-agent: \*\nDisallow: \/private\//);
    });

    it("still serves /private/ pages, and logs who fetched them with which User-Agent", async () => {
      const response = await fetch(`${shelf.url}/private/staff-notes`, { headers: { "User-Agent": "rqts-bookbot/1.0 (+https://example.test/bot)" } });
      expect(response.status).toBe(200);
      expect(shelf.requests()).toEqual([
        expect.objectContaining({ method: "GET", path: "/private/staff-notes", userAgent: "rqts-bookbot/1.0 (+https://example.test/bot)", status: 200 }),
      ]);
    });

    it("serves portrait PNG covers", async () => {
      const response = await fetch(`${shelf.url}/covers/1101.png`);
      expect(readPngSize(new Uint8Array(await response.arrayBuffer()))).toEqual({ width: 30, height: 45 });
    });
  });
});
