/**
 * The route handlers, called as Next.js calls them (a Request in, a Response out), on a real Redis,
 * with a real worker where a test needs pages scraped. The CSRF and auth checks run before them in
 * proxy.ts: see browser.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Job, Queue } from "@rqts/queue";
import { eventually } from "@rqts/testing";
import { POST as postBatches } from "../app/api/batches/route";
import { GET as getBatch } from "../app/api/batches/[id]/route";
import { GET as getExport } from "../app/api/batches/[id]/export/route";
import { GET as getBook } from "../app/api/books/route";
import { readConfig, type ScraperConfig } from "../lib/config";
import { MAX_BODY_BYTES } from "../lib/http";
import { scraperKeys } from "../lib/keys";
import { bookRequests, testEnv, testWorker, useServers } from "./helpers";

const ctx = useServers();
let config: ScraperConfig;
let stopWorker: (() => Promise<void>) | undefined;

beforeEach(() => {
  const env = testEnv(ctx);
  Object.assign(process.env, env);
  config = readConfig(env);
  ctx.shelf.reset();
});
afterEach(async () => {
  await stopWorker?.();
  stopWorker = undefined;
});

const API = "http://127.0.0.1/api";
const post = (body: BodyInit, type = "application/json") => postBatches(new Request(`${API}/batches`, { method: "POST", headers: { "Content-Type": type }, body }));
const postJson = (value: unknown) => post(JSON.stringify(value));
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const bookUrl = (id: number, suffix = "") => `${ctx.shelf.url}/book/show/${id}${suffix}`;
const pagesQueue = () => new Queue(scraperKeys(config.namespace).pagesQueue(new URL(ctx.shelf.url).host), { connection: ctx.redis });

interface Submitted {
  batch_id: string;
  message: string;
  pages: Array<{ url: string; job_id: string; submitted: string }>;
  duplicates: number;
  export_job_id: string;
}

async function submitted(response: Response): Promise<Submitted> {
  const body = (await response.json()) as { status: string; data: Submitted; message?: string };
  expect([response.status, body.status, body.message]).toEqual([202, "success", undefined]);
  return body.data;
}

async function startWorker() {
  const worker = await testWorker(ctx, config);
  void worker.run();
  stopWorker = () => worker.stop();
}

async function batchOf(id: string) {
  const response = await getBatch(new Request(`${API}/batches/${id}`), params(id));
  return { code: response.status, body: (await response.json()) as { data?: { finished: boolean; ended: number; pages: Array<{ status: string }> }; message?: string } };
}

describe("POST /api/batches", () => {
  it("answers 202 at once, with one page job per distinct book on its host's queue and an export job waiting for them", async () => {
    const data = await submitted(await postJson([bookUrl(1101, "-the-cartographer-of-low-tide"), bookUrl(1102), bookUrl(1101, "?ref=x")]));
    expect(data.message).toBe("2 book(s) scheduled: 2 new, 0 already scheduled or scraped, 0 retried");
    expect(data.duplicates).toBe(1);
    const keys = scraperKeys(config.namespace);
    expect(data.pages).toEqual([
      { url: bookUrl(1101), job_id: keys.pageJobId(bookUrl(1101)), submitted: "new" },
      { url: bookUrl(1102), job_id: keys.pageJobId(bookUrl(1102)), submitted: "new" },
    ]);
    expect(await pagesQueue().jobIds()).toEqual(data.pages.map((page) => page.job_id));
    const exportJob = await Job.fetch(ctx.redis, data.export_job_id);
    expect([exportJob.origin, exportJob.status, exportJob.allowDependencyFailures, exportJob.dependencyIds.sort()]).toEqual([
      keys.exportsQueue,
      "deferred",
      true,
      data.pages.map((page) => page.job_id).sort(),
    ]);
    expect(ctx.shelf.requests()).toEqual([]); // the web app itself fetches nothing
  });

  it("is idempotent: the same books submitted again, in any spelling, get the same jobs and are never fetched twice", async () => {
    const first = await submitted(await postJson([bookUrl(1104), bookUrl(1105)]));
    const again = await submitted(await postJson([bookUrl(1105, "-winter-inventory"), bookUrl(1104, "?utm=x")]));
    expect(again.message).toBe("2 book(s) scheduled: 0 new, 2 already scheduled or scraped, 0 retried");
    expect(again.pages.map((page) => page.job_id)).toEqual([first.pages[1]!.job_id, first.pages[0]!.job_id]);
    expect(await pagesQueue().count()).toBe(2);

    await startWorker();
    await eventually(() => batchOf(again.batch_id), (batch) => batch.body.data?.finished === true, 15_000);
    const third = await submitted(await postJson([bookUrl(1104), bookUrl(1105)])); // after the scrape, too
    expect(third.pages.map((page) => page.submitted)).toEqual(["existing", "existing"]);
    await eventually(() => batchOf(third.batch_id), (batch) => batch.body.data?.finished === true, 15_000);
    expect(bookRequests(ctx).map((request) => request.path).sort()).toEqual(["/book/show/1104", "/book/show/1105"]);
  });

  it("queues a failed book's job again when it is submitted again", async () => {
    await startWorker();
    const first = await submitted(await postJson([bookUrl(4040)]));
    await eventually(() => batchOf(first.batch_id), (batch) => batch.body.data?.finished === true, 15_000);
    const again = await submitted(await postJson([bookUrl(4040)]));
    expect(again.pages).toEqual([{ ...first.pages[0], submitted: "retried" }]);
    await eventually(() => batchOf(again.batch_id), (batch) => batch.body.data?.finished === true, 15_000);
    expect(bookRequests(ctx).map((request) => request.path)).toEqual(["/book/show/4040", "/book/show/4040"]);
  });

  it("refuses a list holding a URL of a host that is not allowed, listing each refused URL, and enqueues nothing", async () => {
    const response = await postJson([bookUrl(1101), "https://www.goodreads.com/book/show/1101", "http://127.0.0.1:6379/book/show/1"]);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { status: string; field: string; message: string; problems: Array<{ index: number; reason: string }> };
    expect([body.status, body.field]).toEqual(["error", "urls"]);
    expect(body.message).toMatch(/^Nothing was scheduled: URL 2 is refused: https:\/\/www\.goodreads\.com is not an allowed site .* \(and 1 more\)$/);
    expect(body.problems.map((problem) => problem.index)).toEqual([1, 2]);
    expect(await pagesQueue().count()).toBe(0);
    expect(await ctx.redis.keys(`${config.namespace}:*`)).toEqual([]);
  });

  it("takes the original's JSON array, { urls }, a form field urls or plain text with one URL per line", async () => {
    const lines = `${bookUrl(1)}\r\n\n  ${bookUrl(2)}  \n`;
    const answers = await Promise.all([
      postJson({ urls: [bookUrl(1), bookUrl(2)] }),
      post(new URLSearchParams({ urls: lines }), "application/x-www-form-urlencoded"),
      post(lines, "text/plain; charset=utf-8"),
    ]);
    for (const answer of answers) expect((await submitted(answer)).pages.map((page) => page.url)).toEqual([bookUrl(1), bookUrl(2)]);
  });

  it("refuses bodies of another type, broken or wrong JSON, and bodies that are too large", async () => {
    const message = async (response: Response) => [response.status, ((await response.json()) as { message: string }).message];
    expect(await message(await post("<urls/>", "application/xml"))).toEqual([415, expect.stringMatching(/^Send the URLs as JSON/)]);
    expect(await message(await post("[", "application/json"))).toEqual([400, "The body is not valid JSON"]);
    expect(await message(await postJson({ url: bookUrl(1) }))).toEqual([400, 'The JSON must be an array of URLs, or an object { "urls": [...] }']);
    expect(await message(await postJson([]))).toEqual([400, expect.stringMatching(/^Send a list of book URLs/)]);
    expect((await postJson([bookUrl(1, `-${"x".repeat(MAX_BODY_BYTES)}`)])).status).toBe(413);
  });
});

describe("GET /api/batches/{id} and its export", () => {
  it("answers 202 while pages are pending, then 200 with every book, and serves the export as JSON and CSV downloads", async () => {
    const { batch_id: id } = await submitted(await postJson([bookUrl(1106), bookUrl(4040)]));
    const pending = await batchOf(id);
    expect([pending.code, pending.body.data?.finished]).toEqual([202, false]);
    const early = await getExport(new Request(`${API}/batches/${id}/export?format=csv`), params(id));
    expect([early.status, ((await early.json()) as { status: string }).status]).toEqual([202, "pending"]);

    await startWorker();
    const done = await eventually(() => batchOf(id), (batch) => batch.code === 200, 15_000);
    expect(done.body.data?.pages.map((page) => page.status)).toEqual(["finished", "failed"]);
    const csv = await getExport(new Request(`${API}/batches/${id}/export?format=csv`), params(id));
    expect([csv.status, csv.headers.get("content-type"), csv.headers.get("content-disposition")]).toEqual([
      200,
      "text/csv; charset=utf-8",
      `attachment; filename="books-${id}.csv"`,
    ]);
    expect((await csv.text()).split("\r\n")[1]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/book\/show\/1106,finished,Ledger of Small Hours,Nadia Ferreira,4\.12,/);
    const json = await getExport(new Request(`${API}/batches/${id}/export`), params(id));
    expect(((await json.json()) as { books: unknown[] }).books).toHaveLength(2);
  });

  it("answers 400 for a malformed id or format, and 404 for an unknown batch", async () => {
    expect((await batchOf("../../etc")).code).toBe(400);
    expect((await batchOf("0".repeat(32))).code).toBe(404);
    const id = "0".repeat(32);
    expect((await getExport(new Request(`${API}/batches/${id}/export?format=xlsx`), params(id))).status).toBe(400);
    expect((await getExport(new Request(`${API}/batches/${id}/export?format=csv`), params(id))).status).toBe(404);
  });
});

describe("GET /api/books?url=", () => {
  it("reads a scraped book by any spelling of its URL, and says when there is none yet", async () => {
    const ask = (url: string) => getBook(new Request(`${API}/books?url=${encodeURIComponent(url)}`));
    const before = await ask(bookUrl(1109));
    expect([before.status, ((await before.json()) as { message: string }).message]).toEqual([404, `No book info found for ${bookUrl(1109)}: submit it first, or wait for the worker`]);

    await startWorker();
    const { batch_id: id } = await submitted(await postJson([bookUrl(1109)]));
    await eventually(() => batchOf(id), (batch) => batch.code === 200, 15_000);
    const after = await ask(bookUrl(1109, "-everything-the-river-kept?from=list"));
    const body = (await after.json()) as { data: { title: string; authors: string[]; url: string } };
    expect([after.status, body.data.title, body.data.authors, body.data.url]).toEqual([200, "Everything the River Kept", ["Sofia Lindqvist"], bookUrl(1109)]);
  });

  it("refuses a URL that is not an allowed book page with 400", async () => {
    const response = await getBook(new Request(`${API}/books?url=${encodeURIComponent("http://169.254.169.254/latest/meta-data")}`));
    expect([response.status, ((await response.json()) as { field: string }).field]).toEqual([400, "url"]);
  });
});
