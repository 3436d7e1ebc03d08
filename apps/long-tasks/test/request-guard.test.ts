import { describe, expect, it } from "vitest";
import { crossSiteRefusal, hasBasicCredentials } from "@rqts/app-kit/request-guard";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("the CSRF check of state-changing requests", () => {
  it("lets a POST from the app's own page through", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("refuses a POST whose Origin is another site", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(
      "Refused: a request from https://evil.example cannot change anything on 127.0.0.1:3000 (CSRF protection)",
    );
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }))).toMatch(/CSRF/);
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "null" }))).toMatch(/CSRF/);
  });

  it("refuses a POST a browser marks cross-site or same-site, even without an Origin", () => {
    expect(crossSiteRefusal(headers({ host: "a.example", "sec-fetch-site": "cross-site" }))).toMatch(/cross-site request/);
    expect(crossSiteRefusal(headers({ host: "a.example", "sec-fetch-site": "same-site" }))).toMatch(/same-site request/);
  });

  it("lets a request with neither header through: it does not come from a browser (curl, scripts)", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000" }))).toBeNull();
  });

  it("compares the Origin with the host the browser used behind a proxy (X-Forwarded-Host)", () => {
    const behindProxy = { host: "127.0.0.1:3000", "x-forwarded-host": "tasks.example.org", origin: "https://tasks.example.org" };
    expect(crossSiteRefusal(headers(behindProxy))).toBeNull();
  });
});

describe("Basic auth", () => {
  const expected = { user: "ada", password: "s3cret:with:colons" };
  const basic = (text: string) => headers({ authorization: `Basic ${Buffer.from(text).toString("base64")}` });

  it("accepts exactly the configured user name and password", () => {
    expect(hasBasicCredentials(basic("ada:s3cret:with:colons"), expected)).toBe(true);
  });

  it("refuses wrong, missing or malformed credentials", () => {
    expect(hasBasicCredentials(basic("ada:wrong"), expected)).toBe(false);
    expect(hasBasicCredentials(headers({}), expected)).toBe(false);
    expect(hasBasicCredentials(headers({ authorization: "Bearer abc" }), expected)).toBe(false);
  });
});
