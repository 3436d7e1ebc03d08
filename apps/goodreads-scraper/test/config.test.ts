/**
 * The settings: defaults that are safe and polite, and errors that name the variable and what it takes.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_USER_AGENT, readConfig } from "../lib/config";
import { ConfigError } from "../lib/errors";

describe("readConfig", () => {
  it("defaults to demo mode, no allowed site, one request a second per host and an identifying user agent", () => {
    expect(readConfig({})).toEqual({
      redisUrl: "redis://127.0.0.1:6379",
      mode: "demo",
      allowedOrigins: [],
      namespace: "goodreads-scraper",
      rateLimit: { max: 1, durationMs: 1000 },
      userAgent: DEFAULT_USER_AGENT,
      fetchTimeoutMs: 10_000,
      retries: 3,
      retryDelaySeconds: 5,
      concurrency: 4,
      dashboardUrl: undefined,
      basicAuth: undefined,
    });
  });

  it("allows only the bookshelf in demo mode and only the listed sites in production, as origins", () => {
    const env = { GOODREADS_SCRAPER_BOOKSHELF_URL: "http://127.0.0.1:4000/ignored/path", GOODREADS_SCRAPER_ALLOWED_SITES: "https://a.example, https://B.example:8443/" };
    expect(readConfig(env).allowedOrigins).toEqual(["http://127.0.0.1:4000"]);
    expect(readConfig({ ...env, GOODREADS_SCRAPER_MODE: "production" }).allowedOrigins).toEqual(["https://a.example", "https://b.example:8443"]);
  });

  it("reads the rate limit as <requests>/<duration>", () => {
    expect(readConfig({ GOODREADS_SCRAPER_RATE_LIMIT: "30/1m" }).rateLimit).toEqual({ max: 30, durationMs: 60_000 });
    expect(readConfig({ GOODREADS_SCRAPER_RATE_LIMIT: "2/500ms" }).rateLimit).toEqual({ max: 2, durationMs: 500 });
  });

  it("names the variable and what it accepts when a value is wrong", () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ GOODREADS_SCRAPER_MODE: "live" }, 'GOODREADS_SCRAPER_MODE: must be "demo" or "production", got "live"'],
      [{ GOODREADS_SCRAPER_BOOKSHELF_URL: "ftp://x" }, 'GOODREADS_SCRAPER_BOOKSHELF_URL: "ftp://x" is not an http:// or https:// origin'],
      [{ GOODREADS_SCRAPER_MODE: "production", GOODREADS_SCRAPER_ALLOWED_SITES: "books.example.org" }, 'GOODREADS_SCRAPER_ALLOWED_SITES: "books.example.org" is not'],
      [{ GOODREADS_SCRAPER_NAMESPACE: "a:b" }, "GOODREADS_SCRAPER_NAMESPACE: must be 1 to 40 letters"],
      [{ GOODREADS_SCRAPER_RATE_LIMIT: "fast" }, 'GOODREADS_SCRAPER_RATE_LIMIT: must be <requests>/<duration> such as 1/1s or 30/1m (1 to 10000 requests per 10 ms to 1 d), got "fast"'],
      [{ GOODREADS_SCRAPER_RATE_LIMIT: "0/1s" }, "GOODREADS_SCRAPER_RATE_LIMIT: must be"],
      [{ GOODREADS_SCRAPER_USER_AGENT: "bot\r\nX-Evil: 1" }, "GOODREADS_SCRAPER_USER_AGENT: must be 3 to 200 printable ASCII characters"],
      [{ GOODREADS_SCRAPER_RETRIES: "-1" }, 'GOODREADS_SCRAPER_RETRIES: must be a whole number from 0 to 10, got "-1"'],
      [{ GOODREADS_SCRAPER_BASIC_AUTH: "admin" }, 'GOODREADS_SCRAPER_BASIC_AUTH: must be "user:password"'],
    ];
    for (const [env, message] of cases) {
      expect(() => readConfig(env)).toThrow(ConfigError);
      expect(() => readConfig(env)).toThrow(message);
    }
  });
});
