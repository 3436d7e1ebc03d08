/**
 * The page and export jobs on a real Redis and the fixture bookshelf, run by in-process workers built
 * as worker.ts builds them: what is fetched, how politely, what is stored, what is retried, and that a
 * batch's export waits for every page.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Job, Queue } from "@rqts/queue";
import { eventually } from "@rqts/testing";
import { loadBatch } from "../lib/batch-store";
import { readBatch } from "../lib/batch-view";
import { loadBooks } from "../lib/book-store";
import type { ScraperConfig } from "../lib/config";
import { loadExportFile } from "../lib/export-store";
import { scraperKeys } from "../lib/keys";
import { submitBatch } from "../lib/submit-batch";
import { TASK_NAMES } from "../lib/task-catalog";
import { bookRequests, testConfig, testWorker, useServers } from "./helpers";

const ctx = useServers({ slowPageDelayMs: 1500 });
const running: Array<{ stop(): Promise<void> }> = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((worker) => worker.stop()));
  ctx.shelf.reset();
});

/** Submits `urls`, runs a worker until the batch is exported, and returns the batch's final view. */
async function scrape(config: ScraperConfig, urls: string[]) {
  const keys = scraperKeys(config.namespace);
  const batch = await submitBatch(ctx.redis, config, keys, urls);
  const worker = await testWorker(ctx, config);
  running.push(worker);
  void worker.run();
  return eventually(() => readBatch(ctx.redis, keys, batch.id), (view) => view?.finished === true, 15_000);
}

const bookUrl = (id: number) => ctx.shelf.urlOf(ctx.shelf.books().find((book) => book.id === id)!);

describe("the page job", () => {
  it("scrapes a classic and a modern page and keeps each book under the app's own key, readable by URL after its job is gone", async () => {
    const config = testConfig(ctx);
    const keys = scraperKeys(config.namespace);
    const view = await scrape(config, [bookUrl(1101), bookUrl(1102)]);
    expect(view!.pages.map((page) => [page.status, page.book?.title, page.book?.markup])).toEqual([
      ["finished", "The Cartographer of Low Tide", "classic"],
      ["finished", "Seven Bells for the Salt Road", "json-ld"],
    ]);
    // The job's result is small; the book itself lives in the app's key, with no expiry.
    const job = await Job.fetch(ctx.redis, view!.pages[0]!.job_id);
    expect(await job.returnValue()).toEqual({ url: `${ctx.shelf.url}/book/show/1101`, title: "The Cartographer of Low Tide" });
    await job.delete();
    const [stored] = await loadBooks(ctx.redis, keys, [`${ctx.shelf.url}/book/show/1101`]);
    expect(stored).toMatchObject({ title: "The Cartographer of Low Tide", authors: ["Ines Marlow"], rating: 4.21 });
    expect(await ctx.redis.ttl(keys.book(`${ctx.shelf.url}/book/show/1101`))).toBe(-1);
  });

  it("introduces itself with its User-Agent on every request, and asks for robots.txt once per site, not once per page", async () => {
    const config = testConfig(ctx, { GOODREADS_SCRAPER_USER_AGENT: "test-scraper/2.0 (+https://example.org/bot)" });
    await scrape(config, [bookUrl(1104), bookUrl(1105), bookUrl(1106)]);
    const requests = ctx.shelf.requests();
    expect(requests.map((request) => request.path).sort()).toEqual(["/book/show/1104", "/book/show/1105", "/book/show/1106", "/robots.txt"]);
    expect(new Set(requests.map((request) => request.userAgent))).toEqual(new Set(["test-scraper/2.0 (+https://example.org/bot)"]));
  });

  it("honours robots.txt: a bot the site bans fetches robots.txt only, and its page jobs fail at once without retries", async () => {
    const config = testConfig(ctx, { GOODREADS_SCRAPER_USER_AGENT: "GreedyBot/1.0" });
    const view = await scrape(config, [bookUrl(1101), bookUrl(1102)]);
    expect(view!.pages.map((page) => [page.status, page.retries, page.error])).toEqual(
      [1101, 1102].map((id) => [
        "failed",
        0,
        `RobotsDisallowedError: ${ctx.shelf.url}/book/show/${id}: the site's robots.txt does not allow "GreedyBot/1.0" to fetch /book/show/${id}; the page was not requested`,
      ]),
    );
    expect(ctx.shelf.requests().map((request) => request.path)).toEqual(["/robots.txt"]);
  });

  it("retries a page that answered 503, and stores the book once the site answers", async () => {
    const config = testConfig(ctx);
    const keys = scraperKeys(config.namespace);
    await ctx.redis.set(keys.robots(ctx.shelf.url), ""); // robots.txt known already: the failures below hit the page
    ctx.shelf.failNext(2, 503);
    const view = await scrape(config, [bookUrl(1107)]);
    expect(view!.pages.map((page) => [page.status, page.retries, page.book?.title])).toEqual([["finished", 2, "The Beekeeper’s Arithmetic"]]);
    expect(bookRequests(ctx).map((request) => request.status)).toEqual([503, 503, 200]);
  });

  it("gives up on a page slower than the fetch timeout after its retries, saying so", async () => {
    const config = testConfig(ctx, { GOODREADS_SCRAPER_FETCH_TIMEOUT_MS: "300", GOODREADS_SCRAPER_RETRIES: "1" });
    const view = await scrape(config, [bookUrl(1111)]);
    expect(view!.pages.map((page) => [page.status, page.retries, page.error])).toEqual([
      ["failed", 1, `PageFetchError: ${ctx.shelf.url}/book/show/1111: did not answer within 0.3 s`],
    ]);
  });

  it("fails a missing page and a malformed page at once: retrying cannot fix them", async () => {
    const config = testConfig(ctx);
    const view = await scrape(config, [`${ctx.shelf.url}/book/show/4040`, ctx.shelf.malformedBookUrl]);
    expect(view!.pages.map((page) => [page.status, page.retries, page.error?.split(":")[0]])).toEqual([
      ["failed", 0, "PageUnavailableError"],
      ["failed", 0, "BookParseError"],
    ]);
    expect(bookRequests(ctx)).toHaveLength(2);
  });

  it("refuses a job whose URL breaks the rules, even when it did not come through the web app", async () => {
    const config = testConfig(ctx);
    const keys = scraperKeys(config.namespace);
    const queue = new Queue(keys.pagesQueue(new URL(ctx.shelf.url).host), { connection: ctx.redis });
    const job = await queue.enqueue(TASK_NAMES.scrapeBook, ["http://169.254.169.254/book/show/1"], { retry: { max: 3 } });
    const worker = await testWorker(ctx, config);
    await worker.run({ burst: true });
    await worker.stop();
    await job.refresh();
    expect([job.status, job.attempts]).toEqual(["failed", 1]);
    expect((await job.latestResult())?.excString).toMatch(/UrlRefusedError: http:\/\/169\.254\.169\.254\/book\/show\/1: refused: http:\/\/169\.254\.169\.254 is not an allowed site/);
    expect(ctx.shelf.requests()).toEqual([]);
  });
});

describe("the export job", () => {
  it("waits for every page of its batch, then writes a JSON and a CSV row for each, failures included", async () => {
    const config = testConfig(ctx, { GOODREADS_SCRAPER_CONCURRENCY: "1" });
    const keys = scraperKeys(config.namespace);
    const urls = [bookUrl(1101), bookUrl(1102), `${ctx.shelf.url}/book/show/4040`, bookUrl(1103)];
    const batch = await submitBatch(ctx.redis, config, keys, urls);

    // A worker that stops after three page jobs: the fourth page is still queued.
    const partial = await testWorker(ctx, config, { maxJobs: 3 });
    await partial.run();
    await partial.stop();
    const midway = await readBatch(ctx.redis, keys, batch.id);
    expect([midway!.ended, midway!.export.status, midway!.export.ready, midway!.finished]).toEqual([3, "deferred", false, false]);
    expect(await loadExportFile(ctx.redis, keys, batch.id, "csv")).toBeNull();

    const rest = await testWorker(ctx, config);
    await rest.run({ burst: true });
    await rest.stop();
    const done = await readBatch(ctx.redis, keys, batch.id);
    expect([done!.ended, done!.export.status, done!.export.books, done!.export.failed, done!.finished]).toEqual([4, "finished", 3, 1, true]);
    const exported = JSON.parse((await loadExportFile(ctx.redis, keys, batch.id, "json"))!) as { books: Array<{ url: string; status: string; title: string | null }> };
    expect(exported.books.map((row) => [row.url.replace(ctx.shelf.url, ""), row.status, row.title])).toEqual([
      ["/book/show/1101", "finished", "The Cartographer of Low Tide"],
      ["/book/show/1102", "finished", "Seven Bells for the Salt Road"],
      ["/book/show/4040", "failed", null],
      ["/book/show/1103", "finished", 'Bread & Circuits: "Recipes" for <Small> Robots'],
    ]);
    const csv = (await loadExportFile(ctx.redis, keys, batch.id, "csv"))!;
    expect(csv.split("\r\n")).toHaveLength(1 + 4 + 1); // header, four rows, the final line end
  });

  it("fails at once, without retrying, when its batch record is gone", async () => {
    const config = testConfig(ctx);
    const keys = scraperKeys(config.namespace);
    const batch = await submitBatch(ctx.redis, config, keys, [bookUrl(1108)]);
    await ctx.redis.del(keys.batch(batch.id));
    expect(await loadBatch(ctx.redis, keys, batch.id)).toBeNull();
    const worker = await testWorker(ctx, config);
    await worker.run({ burst: true });
    await worker.stop();
    const exportJob = await Job.fetch(ctx.redis, batch.exportJobId);
    expect(exportJob.status).toBe("failed");
    expect((await exportJob.latestResult())?.excString).toMatch(new RegExp(`UnrecoverableError: Batch "${batch.id}" does not exist`));
  });
});
