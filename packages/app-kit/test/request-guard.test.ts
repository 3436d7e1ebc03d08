import { describe, expect, it } from "vitest";
import { authenticationRequired, crossSiteRefusal, hasBasicCredentials, STATE_CHANGING_METHODS } from "../src/request-guard.js";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("STATE_CHANGING_METHODS", () => {
  it("holds the methods that change something, and not the safe ones", () => {
    expect([...STATE_CHANGING_METHODS].sort()).toEqual(["DELETE", "PATCH", "POST", "PUT"]);
    expect(STATE_CHANGING_METHODS.has("GET")).toBe(false);
  });
});

describe("crossSiteRefusal", () => {
  it("lets a request from this site's own page through", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("lets a request with neither header through (curl, a script), and one the user typed (none)", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000" }))).toBeNull();
    expect(crossSiteRefusal(headers({}))).toBeNull();
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", "sec-fetch-site": "none" }))).toBeNull();
  });

  it("refuses a request a browser marks cross-site or same-site, even without an Origin", () => {
    expect(crossSiteRefusal(headers({ host: "a.example", "sec-fetch-site": "cross-site" }))).toBe(
      "Refused: a cross-site request cannot change anything here (CSRF protection)",
    );
    expect(crossSiteRefusal(headers({ host: "a.example", "sec-fetch-site": "same-site" }))).toMatch(/^Refused: a same-site request/);
    // Sec-Fetch-Site wins even when the Origin matches.
    expect(crossSiteRefusal(headers({ host: "a.example", origin: "https://a.example", "sec-fetch-site": "cross-site" }))).toMatch(/cross-site/);
  });

  it("refuses a foreign Origin, another port, and an Origin that is no URL", () => {
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(
      "Refused: a request from https://evil.example cannot change anything on 127.0.0.1:3000 (CSRF protection)",
    );
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }))).toMatch(/CSRF/);
    expect(crossSiteRefusal(headers({ host: "127.0.0.1:3000", origin: "null" }))).toMatch(/CSRF/);
    expect(crossSiteRefusal(headers({ origin: "https://evil.example" }))).toBe(
      "Refused: a request from https://evil.example cannot change anything on this site (CSRF protection)",
    );
  });

  it("compares the Origin with X-Forwarded-Host behind a proxy (its first entry), not with Host", () => {
    const behindProxy = { host: "10.0.0.5:3000", "x-forwarded-host": "app.example.org, inner.proxy", origin: "https://app.example.org" };
    expect(crossSiteRefusal(headers(behindProxy))).toBeNull();
    expect(crossSiteRefusal(headers({ host: "app.example.org", "x-forwarded-host": "other.example", origin: "https://app.example.org" }))).toBe(
      "Refused: a request from https://app.example.org cannot change anything on other.example (CSRF protection)",
    );
  });

  it("words a refusal the app's own way when given a wording", () => {
    const wording = { crossSite: (site: string) => `site:${site}`, foreignOrigin: (origin: string, host: string) => `origin:${origin}>${host}` };
    expect(crossSiteRefusal(headers({ "sec-fetch-site": "cross-site" }), wording)).toBe("site:cross-site");
    expect(crossSiteRefusal(headers({ host: "a.example", origin: "https://b.example" }), wording)).toBe("origin:https://b.example>a.example");
    expect(crossSiteRefusal(headers({ host: "a.example", origin: "https://a.example" }), wording)).toBeNull();
  });
});

describe("hasBasicCredentials", () => {
  const expected = { user: "ada", password: "s3cret:with:colons" };
  const basic = (text: string) => headers({ authorization: `Basic ${Buffer.from(text).toString("base64")}` });

  it("accepts exactly the configured user name and password (the password may hold colons)", () => {
    expect(hasBasicCredentials(basic("ada:s3cret:with:colons"), expected)).toBe(true);
    expect(hasBasicCredentials(headers({ authorization: `basic  ${Buffer.from("ada:s3cret:with:colons").toString("base64")}` }), expected)).toBe(true);
    expect(hasBasicCredentials(basic("zoë:pässwört"), { user: "zoë", password: "pässwört" })).toBe(true);
  });

  it("refuses wrong or partial credentials", () => {
    expect(hasBasicCredentials(basic("ada:wrong"), expected)).toBe(false);
    expect(hasBasicCredentials(basic("ada:s3cret:with:colon"), expected)).toBe(false);
    expect(hasBasicCredentials(basic("ada:s3cret:with:colonsx"), expected)).toBe(false);
    expect(hasBasicCredentials(basic("bob:s3cret:with:colons"), expected)).toBe(false);
  });

  it("refuses missing or malformed credentials", () => {
    expect(hasBasicCredentials(headers({}), expected)).toBe(false);
    expect(hasBasicCredentials(headers({ authorization: "Bearer abc" }), expected)).toBe(false);
    expect(hasBasicCredentials(headers({ authorization: "Basic" }), expected)).toBe(false);
    expect(hasBasicCredentials(headers({ authorization: "Basic not base64!" }), expected)).toBe(false);
  });
});

describe("authenticationRequired", () => {
  it("answers 401 with a Basic challenge for the realm, naming the variable that holds the credentials", async () => {
    const response = authenticationRequired({ realm: "my-app", envVar: "MY_APP_BASIC_AUTH" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="my-app", charset="UTF-8"');
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe("Authentication required: use the user name and password of MY_APP_BASIC_AUTH\n");
  });

  it("takes an app's own message instead", async () => {
    const response = authenticationRequired({ realm: "my-app", envVar: "MY_APP_BASIC_AUTH", message: "Log in" });
    expect(await response.text()).toBe("Log in\n");
  });
});
