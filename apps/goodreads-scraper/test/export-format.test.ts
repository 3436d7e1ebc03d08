/**
 * The export files: every submitted book a row, RFC 4180 CSV, and no formula a spreadsheet would run.
 */
import { describe, expect, it } from "vitest";
import type { PageView } from "../lib/batch-view";
import { csvField, exportRow, toCsv, toJson } from "../lib/export-format";

const scraped: PageView = {
  url: "http://shelf/book/show/1",
  job_id: "book-1",
  submitted: "new",
  status: "finished",
  retries: 0,
  error: null,
  book: {
    url: "http://shelf/book/show/1",
    scrapedAt: "2026-01-02T03:04:05.000Z",
    title: 'Bread & Circuits: "Recipes", for <Small> Robots',
    authors: ["Jun Sato", "Elise Brandt"],
    rating: 4.05,
    ratingCount: 2318,
    description: "First paragraph.\n\nSecond one.",
    pages: 224,
    isbn: "9798000011034",
    markup: "classic",
  },
};
const failed: PageView = { url: "http://shelf/book/show/9001", job_id: "book-2", submitted: "retried", status: "failed", retries: 0, error: "BookParseError: no author", book: null };

describe("export rows", () => {
  it("keep a failed page's row with its error, so nothing submitted disappears", () => {
    expect(exportRow(failed)).toEqual({
      url: failed.url,
      status: "failed",
      title: null,
      authors: [],
      rating: null,
      rating_count: null,
      pages: null,
      isbn: null,
      description: null,
      scraped_at: null,
      error: "BookParseError: no author",
    });
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF-ended row per book, quoting commas, quotes and line breaks", () => {
    const csv = toCsv([exportRow(scraped), exportRow(failed)]);
    expect(csv.split("\r\n")).toEqual([
      "url,status,title,authors,rating,rating_count,pages,isbn,description,scraped_at,error",
      `http://shelf/book/show/1,finished,"Bread & Circuits: ""Recipes"", for <Small> Robots",Jun Sato; Elise Brandt,4.05,2318,224,9798000011034,"First paragraph.\n\nSecond one.",2026-01-02T03:04:05.000Z,`,
      "http://shelf/book/show/9001,failed,,,,,,,,,BookParseError: no author",
      "",
    ]);
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"http://evil\",\"click\")")).toBe(`"'=HYPERLINK(""http://evil"",""click"")"`);
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe("-2"); // a number is data, not a formula
    expect(csvField(null)).toBe("");
    expect(csvField(" padded ")).toBe('" padded "');
  });
});

describe("toJson", () => {
  it("holds the batch id, the export time and the rows", () => {
    expect(JSON.parse(toJson("abc", "2026-01-01T00:00:00.000Z", [exportRow(failed)]))).toEqual({
      batch_id: "abc",
      exported_at: "2026-01-01T00:00:00.000Z",
      books: [exportRow(failed)],
    });
  });
});
