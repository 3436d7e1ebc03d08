/**
 * Which URLs are accepted, the canonical form each gets, and the job id and keys made from it.
 */
import { describe, expect, it } from "vitest";
import { checkBookUrl, checkBookUrls, MAX_BATCH_URLS, type SitePolicy } from "../lib/book-url";
import { ConfigError, InvalidInputError } from "../lib/errors";
import { scraperKeys } from "../lib/keys";

const SITE = "http://127.0.0.1:41234";
const policy: SitePolicy = { mode: "demo", allowedOrigins: [SITE] };

function refusal(input: unknown, given: SitePolicy = policy): string {
  try {
    checkBookUrl(input, given);
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message;
    throw error;
  }
  throw new Error(`${String(input)} was accepted`);
}

describe("checkBookUrl", () => {
  it("accepts a book page of an allowed site and names it by origin and book id", () => {
    expect(checkBookUrl(`${SITE}/book/show/1101-the-cartographer-of-low-tide`, policy)).toEqual({
      url: `${SITE}/book/show/1101`,
      origin: SITE,
      host: "127.0.0.1:41234",
      bookId: "1101",
    });
  });

  it("gives every spelling of one book the same canonical URL: slug, query, fragment, trailing slash, leading zeros, case of the host", () => {
    const spellings = [
      `${SITE}/book/show/1101`,
      `${SITE}/book/show/1101-the-cartographer-of-low-tide?ref=nav_sb#reviews`,
      `${SITE}/book/show/1101.The_Cartographer/`,
      `${SITE}/book/show/001101`,
      `  HTTP://127.0.0.1:41234/book/show/1101  `,
    ];
    expect(new Set(spellings.map((url) => checkBookUrl(url, policy).url))).toEqual(new Set([`${SITE}/book/show/1101`]));
  });

  it("refuses other hosts, so the app cannot be made to fetch anything else (no SSRF)", () => {
    expect(refusal("https://www.goodreads.com/book/show/1")).toBe(`https://www.goodreads.com is not an allowed site (allowed: ${SITE})`);
    expect(refusal("http://169.254.169.254/book/show/1")).toBe(`http://169.254.169.254 is not an allowed site (allowed: ${SITE})`);
    expect(refusal("http://127.0.0.1:6379/book/show/1")).toMatch(/^http:\/\/127\.0\.0\.1:6379 is not an allowed site/);
    expect(refusal("https://127.0.0.1:41234/book/show/1")).toMatch(/is not an allowed site/); // another scheme is another origin
    expect(refusal(`http://evil.example/book/show/1?u=${SITE}`)).toMatch(/^http:\/\/evil\.example is not an allowed site/);
  });

  it("refuses what is not an http(s) book page, saying why", () => {
    expect(refusal("")).toBe("not a URL: enter the address of a book page");
    expect(refusal(42)).toBe("not a URL: enter the address of a book page");
    expect(refusal("127.0.0.1:41234/book/show/1")).toBe('"127.0.0.1:41234/book/show/1" is not a URL (it needs http:// or https://)');
    expect(refusal("javascript:alert(1)")).toBe("only http:// and https:// pages are scraped, not javascript:// URLs");
    expect(refusal("file:///etc/passwd")).toBe("only http:// and https:// pages are scraped, not file:// URLs");
    expect(refusal("http://user:secret@127.0.0.1:41234/book/show/1")).toBe("a URL with a user name or password is not accepted");
    expect(refusal(`${SITE}/private/staff`)).toBe("/private/staff is not a book page: expected /book/show/<id>, optionally followed by -<title>");
    expect(refusal(`${SITE}/list/show/1-staff-picks`)).toMatch(/is not a book page/);
    expect(refusal(`${SITE}/book/show/1101/../../private/x`)).toMatch(/is not a book page/);
    expect(refusal(`${SITE}/book/show/${"1".repeat(3000)}`)).toMatch(/^\d+ characters long; at most 2048 are accepted$/);
  });

  it("throws ConfigError naming the variable to set when no site is allowed", () => {
    expect(() => checkBookUrl(`${SITE}/book/show/1`, { mode: "demo", allowedOrigins: [] })).toThrow(ConfigError);
    expect(() => checkBookUrl(`${SITE}/book/show/1`, { mode: "demo", allowedOrigins: [] })).toThrow(/^GOODREADS_SCRAPER_BOOKSHELF_URL: no site is allowed yet/);
    expect(() => checkBookUrl(`${SITE}/book/show/1`, { mode: "production", allowedOrigins: [] })).toThrow(/^GOODREADS_SCRAPER_ALLOWED_SITES: /);
  });
});

describe("checkBookUrls", () => {
  it("keeps each book once, in the order first submitted, and counts the repeats", () => {
    const { books, duplicates } = checkBookUrls([`${SITE}/book/show/2`, `${SITE}/book/show/1`, `${SITE}/book/show/2-again`, `${SITE}/book/show/1?x`], policy);
    expect(books.map((book) => book.bookId)).toEqual(["2", "1"]);
    expect(duplicates).toBe(2);
  });

  it("refuses the whole list when any URL is refused, listing every refused one with its position", () => {
    try {
      checkBookUrls([`${SITE}/book/show/1`, "https://www.goodreads.com/book/show/1", `${SITE}/search?q=x`], policy);
      expect.unreachable("a refused list was accepted");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      const refused = error as InvalidInputError;
      expect(refused.field).toBe("urls");
      expect(refused.message).toBe(`Nothing was scheduled: URL 2 is refused: https://www.goodreads.com is not an allowed site (allowed: ${SITE}) (and 1 more)`);
      expect(refused.problems.map((problem) => [problem.index, problem.url])).toEqual([
        [1, "https://www.goodreads.com/book/show/1"],
        [2, `${SITE}/search?q=x`],
      ]);
    }
  });

  it("refuses an empty list, something that is not a list, and more than 100 URLs", () => {
    expect(() => checkBookUrls([], policy)).toThrow(/^Send a list of book URLs/);
    expect(() => checkBookUrls({ urls: "x" }, policy)).toThrow(/^Send a list of book URLs/);
    const many = Array.from({ length: MAX_BATCH_URLS + 1 }, (_, i) => `${SITE}/book/show/${i + 1}`);
    expect(() => checkBookUrls(many, policy)).toThrow(`A batch holds at most 100 URLs; got 101. Split the list.`);
  });
});

describe("job ids and keys from a URL", () => {
  const keys = scraperKeys("goodreads-scraper");

  it("derives the job id from the canonical URL: the same book always gets the same safe id", () => {
    const a = keys.pageJobId(checkBookUrl(`${SITE}/book/show/1101-x?y`, policy).url);
    const b = keys.pageJobId(checkBookUrl(`${SITE}/book/show/1101`, policy).url);
    expect(a).toBe(b);
    expect(a).toMatch(/^book-[0-9a-f]{32}$/); // RQ's job id rule: letters, digits, "_" and "-" only
    expect(keys.pageJobId(`${SITE}/book/show/1102`)).not.toBe(a);
  });

  it("gives two namespaces different job ids for one URL, so two deployments on one Redis never share a job", () => {
    expect(scraperKeys("other").pageJobId(`${SITE}/book/show/1`)).not.toBe(keys.pageJobId(`${SITE}/book/show/1`));
  });

  it("names one page queue per host, valid as an RQ queue name (no ':')", () => {
    expect(keys.pagesQueue("127.0.0.1:41234")).toBe("goodreads-scraper.pages.127.0.0.1_41234");
    expect(keys.pagesQueue("Books.Example.org")).toBe("goodreads-scraper.pages.books.example.org");
    expect(keys.pagesQueue("[::1]:8080")).toBe("goodreads-scraper.pages.__1_8080");
  });
});
