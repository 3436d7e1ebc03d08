/**
 * The per-host rate limit holds across workers: two workers, each free to take jobs, together start
 * no more page jobs per window than the host's queue allows.
 */
import { afterAll, describe, expect, it } from "vitest";
import { Queue } from "@rqts/queue";
import { eventually } from "@rqts/testing";
import { readBatch } from "../lib/batch-view";
import { scraperKeys } from "../lib/keys";
import { submitBatch } from "../lib/submit-batch";
import { bookRequests, testConfig, testWorker, useServers } from "./helpers";

const ctx = useServers();
const workers: Array<{ stop(): Promise<void> }> = [];
afterAll(() => Promise.all(workers.map((worker) => worker.stop())));

describe("the per-host rate limit", () => {
  it("keeps two workers together to 2 page requests per 700 ms window on one host", async () => {
    const windowMs = 700;
    const config = testConfig(ctx, { GOODREADS_SCRAPER_RATE_LIMIT: `2/${windowMs}ms`, GOODREADS_SCRAPER_CONCURRENCY: "1" });
    const keys = scraperKeys(config.namespace);
    const started = new Map<string, number>();
    for (const name of ["first", "second"]) {
      const worker = await testWorker(ctx, config, { name: `${config.namespace}-${name}` });
      worker.worker.on("job:started", (job) => {
        if (job.queue !== keys.exportsQueue) started.set(name, (started.get(name) ?? 0) + 1);
      });
      void worker.run();
      workers.push(worker);
    }
    const hostQueue = new Queue(keys.pagesQueue(new URL(ctx.shelf.url).host), { connection: ctx.redis });
    expect(await hostQueue.getRateLimit()).toEqual({ max: 2, durationMs: windowMs });

    const books = ctx.shelf.books().slice(0, 6);
    const before = Date.now(); // no page can be requested before this
    const batch = await submitBatch(ctx.redis, config, keys, books.map((book) => ctx.shelf.urlOf(book)));
    await eventually(() => readBatch(ctx.redis, keys, batch.id), (view) => view?.finished === true, 15_000);

    const requests = bookRequests(ctx);
    expect(requests).toHaveLength(6);
    // 6 starts at 2 per window need 3 windows, and a window opens only once the previous one has
    // passed: the last request cannot come before two whole windows after the first start. (Both
    // times are taken on the safe side: `before` precedes the first start, a request follows its start.)
    const lastRequestAt = Math.max(...requests.map((request) => request.at.getTime()));
    expect(lastRequestAt - before).toBeGreaterThanOrEqual(2 * windowMs);
    // Both workers took page jobs: the limit held between them, not inside one worker.
    expect([...started.keys()].sort()).toEqual(["first", "second"]);
    expect([...started.values()].reduce((sum, n) => sum + n, 0)).toBe(6);
  });
});
