import { describe, expect, it } from "vitest";
import { crossSiteRefusal, hasBasicCredentials } from "@rqts/app-kit/request-guard";
import { askForCredentials } from "../lib/request-guard";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("crossSiteRefusal", () => {
  it("lets through same-origin requests from the page, and requests not from a browser (curl)", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3001", origin: "http://127.0.0.1:3001", "sec-fetch-site": "same-origin" }))).toBeNull();
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3001" }))).toBeNull();
  });

  it("refuses a request another site's page sent", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3001", origin: "https://evil.example" }))).toBe(
      "Refused: a request from https://evil.example cannot change anything on 127.0.0.1:3001 (CSRF protection)",
    );
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3001", "sec-fetch-site": "cross-site" }))).toMatch(/^Refused: a cross-site request/);
  });

  it("compares with the host the browser used behind a proxy", () => {
    expect(crossSiteRefusal(headers({ host: "app:3001", "x-forwarded-host": "mars.example.org", origin: "https://mars.example.org" }))).toBeNull();
  });
});

describe("hasBasicCredentials", () => {
  const expected = { user: "ada", password: "lovelace" };
  const basic = (text: string) => headers({ authorization: `Basic ${Buffer.from(text).toString("base64")}` });

  it("accepts the right user and password only", () => {
    expect(hasBasicCredentials(basic("ada:lovelace"), expected)).toBe(true);
    expect(hasBasicCredentials(basic("ada:babbage"), expected)).toBe(false);
    expect(hasBasicCredentials(headers({}), expected)).toBe(false);
  });

  it("asks a browser for them with a 401", () => {
    const response = askForCredentials();
    expect([response.status, response.headers.get("www-authenticate")]).toEqual([401, 'Basic realm="mars-rover", charset="UTF-8"']);
  });
});
