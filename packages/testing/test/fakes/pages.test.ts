import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as cheerio from "cheerio";
import { countWords, readPngSize, startFakePages, type FakePages } from "../../src/index.js";

/** A reference word counter: the body's text nodes without script and style, counted by the fixtures' rule. */
function visibleWords(html: string): number {
  const $ = cheerio.load(html);
  $("body script, body style").remove();
  return countWords($("body").text());
}

describe("fake pages (word-count fixtures)", () => {
  let site: FakePages;

  beforeAll(async () => {
    site = await startFakePages({ slowPageDelayMs: 150, hugePageWords: 20_000 });
  });
  afterAll(() => site.close());
  beforeEach(() => site.reset());

  describe("articles", () => {
    it("serve a few hundred authored words each, as HTML", async () => {
      const articles = site.pages().filter((p) => p.path.startsWith("/articles/") && p.path !== "/articles/short.html");
      expect(articles.length).toBeGreaterThanOrEqual(3);
      for (const article of articles) {
        expect(article.wordCount).toBeGreaterThanOrEqual(200);
        const response = await fetch(article.url);
        expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
        expect(cheerio.load(await response.text())("title").text()).toBe(article.title);
      }
    });

    it("hold exactly their wordCount in visible text, whatever scripts and styles surround it", async () => {
      for (const page of site.pages().filter((p) => p.path !== "/slow.html")) {
        const html = await (await fetch(page.url)).text();
        expect(visibleWords(html), page.path).toBe(page.wordCount);
        expect(cheerio.load(html)("body").text().replace(/\s+/g, " ")).toContain(page.text.split("\n")[0]);
      }
    });

    it("count exactly eleven words on the short page", () => {
      expect(site.pages().find((p) => p.path === "/articles/short.html")?.wordCount).toBe(11);
    });

    it("wrap the prose in noise a naive counter would count: scripts, styles, comments, JSON-LD", async () => {
      const html = await (await fetch(`${site.url}/articles/short.html`)).text();
      expect(html).toMatch(/<script>[\s\S]*tracking words that must never be counted/);
      expect(html).toMatch(/<style>[\s\S]*font-family/);
      expect(html).toContain("<!-- Comments hold words");
      expect(html).toContain('<script type="application/ld+json">');
      const $ = cheerio.load(html);
      expect(countWords($("body").text())).toBeGreaterThan(11); // counting script and style text overcounts
    });

    it("escape &, quotes and apostrophes; a lone & or — is not a word", async () => {
      const sourdough = site.pages().find((p) => p.path === "/articles/sourdough.html");
      const html = await (await fetch(sourdough?.url ?? "")).text();
      expect(html).toContain("flour &amp; water");
      expect(html).toContain("&quot;rest&quot;");
      expect(sourdough?.text).toContain("isn’t dead");
      expect(countWords("salt & pepper — isn’t")).toBe(3);
    });

    it("link from the index to every article", async () => {
      const $ = cheerio.load(await (await fetch(site.urls.index)).text());
      const links = $("ul a").map((_, a) => $(a).attr("href")).get();
      expect(links).toEqual(site.pages().filter((p) => p.path.startsWith("/articles/")).map((p) => p.path));
    });
  });

  describe("awkward responses", () => {
    it("answers an unknown path with a 404 HTML page", async () => {
      const response = await fetch(site.urls.missing);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await response.text()).toContain("There is no page at /no-such-page.html");
    });

    it("serves JSON and a PNG where a fetcher might expect HTML", async () => {
      const json = await fetch(site.urls.json);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(await json.json()).toMatchObject({ title: "Not a web page" });
      const image = await fetch(site.urls.image);
      expect(image.headers.get("content-type")).toBe("image/png");
      expect(readPngSize(new Uint8Array(await image.arrayBuffer()))).toEqual({ width: 64, height: 40 });
    });

    it("redirects an old URL with 301", async () => {
      const manual = await fetch(site.urls.redirect, { redirect: "manual" });
      expect(manual.status).toBe(301);
      expect(manual.headers.get("location")).toBe("/articles/tide-pools.html");
      const followed = await fetch(site.urls.redirect);
      expect(followed.url).toBe(`${site.url}/articles/tide-pools.html`);
    });

    it("serves the slow page after slowPageDelayMs, so a short timeout aborts", async () => {
      await expect(fetch(site.urls.slow, { signal: AbortSignal.timeout(40) })).rejects.toThrow();
      const started = performance.now();
      const html = await (await fetch(site.urls.slow)).text();
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);
      expect(visibleWords(html)).toBe(site.pages().find((p) => p.path === "/slow.html")?.wordCount);
    });

    it("streams a huge page of exactly hugePageWords words", async () => {
      const response = await fetch(site.urls.huge);
      expect(response.headers.get("transfer-encoding")).toBe("chunked");
      const html = await response.text();
      expect(visibleWords(html)).toBe(20_000);
      expect(site.hugePageWords).toBe(20_000);
    });

    it("copes with a client that leaves a huge page half read", async () => {
      const big = await startFakePages({ hugePageWords: 2_000_000 });
      try {
        const controller = new AbortController();
        const response = await fetch(big.urls.huge, { signal: controller.signal });
        const reader = response.body?.getReader();
        await reader?.read();
        controller.abort();
        expect((await fetch(big.urls.index)).status).toBe(200); // still serving
      } finally {
        await big.close();
      }
    });
  });

  describe("knobs", () => {
    it("failNext answers with an HTML error page, latency delays every page", async () => {
      site.failNext(1);
      expect((await fetch(site.urls.index)).status).toBe(500);
      site.setLatency(80);
      const started = performance.now();
      expect((await fetch(site.urls.index)).status).toBe(200);
      expect(performance.now() - started).toBeGreaterThanOrEqual(70);
    });

    it("logs each request with its User-Agent", async () => {
      await fetch(site.urls.index, { headers: { "User-Agent": "wordcount-worker/0.1" } });
      expect(site.requests().map((r) => [r.path, r.userAgent, r.status])).toEqual([["/", "wordcount-worker/0.1", 200]]);
    });
  });
});
