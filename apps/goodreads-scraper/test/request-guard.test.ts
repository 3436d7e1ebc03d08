/**
 * The CSRF and auth checks proxy.ts runs before every route.
 */
import { describe, expect, it } from "vitest";
import { crossSiteRefusal, hasBasicCredentials } from "@rqts/app-kit/request-guard";
import { refusalWording } from "../lib/request-guard";

const headers = (entries: Record<string, string>) => new Headers(entries);
const csrfRefusal = (request: Headers) => crossSiteRefusal(request, refusalWording);

describe("csrfRefusal", () => {
  it("lets this site's own page POST", () => {
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("lets requests that no browser sent (curl, scripts) through: no other site can forge them", () => {
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000" }))).toBeNull();
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", "sec-fetch-site": "none" }))).toBeNull(); // typed into the address bar
  });

  it("refuses a POST another site's page sent, by its Origin or its Sec-Fetch-Site", () => {
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(
      "Refused: a page of https://evil.example cannot submit to 127.0.0.1:3000 (CSRF protection)",
    );
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }))).toMatch(/^Refused: this cross-site request/);
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", origin: "null" }))).toMatch(/^Refused/); // sandboxed frames send "null"
    expect(csrfRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }))).toMatch(/^Refused/); // another port is another site
  });

  it("compares Origin with X-Forwarded-Host behind a proxy", () => {
    expect(csrfRefusal(headers({ host: "10.0.0.5:3000", "x-forwarded-host": "books.example.org", origin: "https://books.example.org" }))).toBeNull();
  });
});

describe("hasBasicCredentials", () => {
  const expected = { user: "ada", password: "lovelace:2" };
  const basic = (text: string) => headers({ authorization: `Basic ${Buffer.from(text).toString("base64")}` });

  it("accepts exactly the configured user and password (which may hold a colon)", () => {
    expect(hasBasicCredentials(basic("ada:lovelace:2"), expected)).toBe(true);
  });

  it("refuses wrong, partial or missing credentials", () => {
    expect(hasBasicCredentials(basic("ada:lovelace"), expected)).toBe(false);
    expect(hasBasicCredentials(basic("ada:lovelace:2x"), expected)).toBe(false);
    expect(hasBasicCredentials(headers({ authorization: "Bearer abc" }), expected)).toBe(false);
    expect(hasBasicCredentials(headers({}), expected)).toBe(false);
  });
});
