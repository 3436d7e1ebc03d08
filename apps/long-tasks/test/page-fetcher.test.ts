import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PageFetchError } from "../lib/errors";
import { fetchPage } from "../lib/page-fetcher";
import { useServers } from "./helpers";

const ctx = useServers();

/** A second site that redirects every request to the fixture pages server: another origin. */
let redirector: Server;
let redirectorUrl: string;
beforeAll(async () => {
  redirector = createServer((_req, res) => res.writeHead(302, { Location: `${ctx.pages.url}/articles/tide-pools.html` }).end());
  await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
  redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => redirector.close(() => resolve())));

async function fetchError(url: string, options: Parameters<typeof fetchPage>[2] = {}, policy = ctx.policy): Promise<PageFetchError> {
  const error = await fetchPage(new URL(url), policy, options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PageFetchError);
  return error as PageFetchError;
}

describe("fetching a page to count", () => {
  it("returns an HTML page's text and media type", async () => {
    const page = await fetchPage(new URL(`${ctx.pages.url}/articles/tide-pools.html`), ctx.policy);
    expect(page.mediaType).toBe("text/html");
    expect(page.body).toContain("A Morning at the Tide Pools");
    expect(page.url).toBe(`${ctx.pages.url}/articles/tide-pools.html`);
  });

  it("follows a redirect that stays within the policy, and reports where the page was found", async () => {
    const page = await fetchPage(new URL(ctx.pages.urls.redirect), ctx.policy);
    expect(page.url).toBe(`${ctx.pages.url}/articles/tide-pools.html`);
  });

  it("checks every redirect against the policy: a hop to a host it forbids is refused", async () => {
    const onlyRedirector = { mode: "demo" as const, pagesUrl: redirectorUrl };
    const error = await fetchError(`${redirectorUrl}/`, {}, onlyRedirector);
    expect(error.message).toBe(
      `${redirectorUrl}/: redirected to ${ctx.pages.url}/articles/tide-pools.html, which is refused: ` +
        `In demo mode only pages of the fixture pages server (${redirectorUrl}) can be counted`,
    );
  });

  it("refuses what is not a web page: JSON, images", async () => {
    expect((await fetchError(ctx.pages.urls.json)).message).toMatch(/is application\/json, not a web page/);
    expect((await fetchError(ctx.pages.urls.image)).message).toMatch(/is image\/png, not a web page/);
  });

  it("reports an error status", async () => {
    expect((await fetchError(ctx.pages.urls.missing)).message).toBe(`${ctx.pages.urls.missing}: answered HTTP 404 Not Found`);
  });

  it("gives up on a page slower than its time limit", async () => {
    expect((await fetchError(ctx.pages.urls.slow, { timeoutMs: 100 })).message).toMatch(/did not answer within 0.1 s/);
  });

  it("stops reading a page larger than its size limit", async () => {
    expect((await fetchError(ctx.pages.urls.huge, { maxBytes: 20_000 })).message).toMatch(/is larger than 20000 bytes/);
  });

  it("in production mode, refuses to connect to a host name that resolves to a private address", async () => {
    const url = `http://localhost:${ctx.pages.port}/articles/tide-pools.html`; // localhost → 127.0.0.1 or ::1
    expect((await fetchError(url, {}, { mode: "production" })).message).toMatch(/resolves to .*not a public address/);
  });

  it("passes on the job's abort reason when the job's signal fires", async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("job timed out")), 50);
    await expect(fetchPage(new URL(ctx.pages.urls.slow), ctx.policy, { signal: controller.signal })).rejects.toThrow("job timed out");
  });
});
