/**
 * Downloading photos: allowed hosts only (at every redirect), a size limit, an image media type — on a
 * small local server whose answers each test chooses.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyPng } from "@rqts/testing";
import { PhotoDownloadError } from "../lib/errors";
import { checkImageUrl, imagePolicy, type ImagePolicy } from "../lib/image-policy";
import { downloadPhoto } from "../lib/photo-download";

let server: Server;
let origin: string;
const png = tinyPng(30, 20);

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    if (path === "/photo.png") return void response.writeHead(200, { "Content-Type": "image/png" }).end(png);
    if (path === "/moved") return void response.writeHead(301, { Location: "/photo.png" }).end();
    if (path === "/elsewhere") return void response.writeHead(302, { Location: "http://169.254.169.254/latest/meta-data/" }).end();
    if (path === "/loop") return void response.writeHead(302, { Location: "/loop" }).end();
    if (path === "/page.html") return void response.writeHead(200, { "Content-Type": "text/html" }).end("<p>hi</p>");
    if (path === "/busy") return void response.writeHead(503).end();
    if (path === "/gone") return void response.writeHead(404).end();
    if (path === "/unsized") {
      // No Content-Length: the limit must be counted while reading.
      response.writeHead(200, { "Content-Type": "image/png" });
      return void response.end(Buffer.alloc(5000));
    }
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const policy = (): ImagePolicy => ({ allowedHosts: ["127.0.0.1"] });
const limits = { timeoutMs: 5000, maxBytes: 1000 };

async function refusal(address: string, maxBytes = limits.maxBytes): Promise<PhotoDownloadError> {
  const error = await downloadPhoto(address, policy(), { ...limits, maxBytes }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PhotoDownloadError);
  return error as PhotoDownloadError;
}

describe("downloadPhoto", () => {
  it("downloads a photo, following a redirect on an allowed host", async () => {
    const photo = await downloadPhoto(`${origin}/moved`, policy(), limits);
    expect([photo.url, photo.body.equals(png)]).toEqual([`${origin}/photo.png`, true]);
  });

  it("refuses a redirect to a host that is not allowed, without retries (no SSRF through redirects)", async () => {
    const error = await refusal(`${origin}/elsewhere`);
    expect([error.retryable, error.message]).toEqual([false, expect.stringMatching(/169\.254\.169\.254 is not an image host this app downloads from/)]);
  });

  it("gives up after three redirects", async () => {
    expect((await refusal(`${origin}/loop`)).message).toMatch(/more than 3 redirects$/);
  });

  it("refuses a body over the size limit, even without a Content-Length", async () => {
    const error = await refusal(`${origin}/unsized`, 1000);
    expect([error.retryable, error.message]).toEqual([false, `${origin}/unsized: is larger than 1000 bytes (MARS_ROVER_MAX_IMAGE_BYTES)`]);
  });

  it("refuses what is not an image", async () => {
    expect((await refusal(`${origin}/page.html`)).message).toMatch(/is text\/html, not an image$/);
  });

  it("marks a 5xx and a refused connection as worth retrying, and a 404 as not", async () => {
    expect((await refusal(`${origin}/busy`)).retryable).toBe(true);
    expect((await refusal(`${origin}/gone`)).retryable).toBe(false);
    const closed = await refusal("http://127.0.0.1:1/photo.png");
    expect(closed.retryable).toBe(true);
  });
});

describe("checkImageUrl", () => {
  const nasa = imagePolicy({ nasaUrl: "http://127.0.0.1:4000", imageHosts: [".nasa.gov"] });

  it("allows the API's own host and NASA's image hosts", () => {
    expect(checkImageUrl("http://127.0.0.1:4000/images/1.png", nasa).pathname).toBe("/images/1.png");
    expect(checkImageUrl("https://mars.nasa.gov/msl-raw-images/1.JPG", nasa).hostname).toBe("mars.nasa.gov");
    expect(checkImageUrl("http://mars.jpl.nasa.gov/x.jpg", nasa).hostname).toBe("mars.jpl.nasa.gov");
  });

  it.each([
    ["file:///etc/passwd", /only http:\/\/ and https:\/\/ photos are downloaded/],
    ["http://user:secret@mars.nasa.gov/x.jpg", /a URL with a user name or password/],
    ["http://nasa.gov.evil.example/x.jpg", /nasa\.gov\.evil\.example is not an image host/],
    ["http://localhost:4000/x.png", /localhost is not an image host/],
    ["not a url", /not a URL/],
  ])("refuses %s", (address, message) => {
    expect(() => checkImageUrl(address, nasa)).toThrow(message);
  });
});
