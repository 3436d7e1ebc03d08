import { describe, expect, it } from "vitest";
import { guardAction, MAX_ACTION_BODY_BYTES } from "../lib/action-guard";
import { authenticate } from "../lib/auth";
import { SESSION_COOKIE, crossSiteRefusal, csrfToken, isValidCsrfToken, newSessionId, signingSecret } from "../lib/csrf";
import { readSettings, type DashboardSettings } from "../lib/settings";

const TOKEN = "0123456789abcdef-token";
const credentials = { basic: { user: "ada", password: "lovelace" }, token: TOKEN };
const basic = (user: string, password: string) => new Headers({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

describe("authentication", () => {
  it("lets anyone in when no credentials are configured (the dashboard is then read-only)", () => {
    expect(authenticate(new Headers(), undefined)).toBe("anonymous");
  });

  it("accepts the configured user and password, or the token as the password of any user", () => {
    expect(authenticate(basic("ada", "lovelace"), credentials)).toBe("basic");
    expect(authenticate(basic("anyone", TOKEN), credentials)).toBe("basic");
  });

  it("accepts the token as a Bearer header", () => {
    expect(authenticate(new Headers({ authorization: `Bearer ${TOKEN}` }), credentials)).toBe("bearer");
  });

  it("refuses missing, wrong and malformed credentials", () => {
    expect(authenticate(new Headers(), credentials)).toBeNull();
    expect(authenticate(basic("ada", "wrong"), credentials)).toBeNull();
    expect(authenticate(basic("eve", "lovelace"), credentials)).toBeNull();
    expect(authenticate(new Headers({ authorization: "Bearer wrong-token-of-length" }), credentials)).toBeNull();
    expect(authenticate(new Headers({ authorization: "Basic !!!" }), credentials)).toBeNull();
    expect(authenticate(new Headers({ authorization: `Basic ${Buffer.from("no-colon").toString("base64")}` }), credentials)).toBeNull();
    expect(authenticate(new Headers({ authorization: `Bearer ${TOKEN}` }), { basic: credentials.basic, token: undefined })).toBeNull();
  });
});

describe("CSRF tokens and same-site checks", () => {
  it("issues a token per session that only that session's cookie validates", () => {
    const secret = signingSecret("s".repeat(32));
    const [mine, theirs] = [newSessionId(), newSessionId()];
    expect(isValidCsrfToken(mine, csrfToken(mine, secret), secret)).toBe(true);
    expect(isValidCsrfToken(theirs, csrfToken(mine, secret), secret)).toBe(false);
    expect(isValidCsrfToken(mine, csrfToken(mine, "another secret of enough length!"), secret)).toBe(false);
    expect(isValidCsrfToken(undefined, csrfToken(mine, secret), secret)).toBe(false);
    expect(isValidCsrfToken("not-a-session", csrfToken("not-a-session", secret), secret)).toBe(false);
  });

  it("uses one random signing key per process when DASHBOARD_SECRET is not set", () => {
    expect(signingSecret(undefined)).toBe(signingSecret(undefined));
    expect(signingSecret(undefined)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses requests another site made, and lets same-origin and non-browser requests through", () => {
    expect(crossSiteRefusal(new Headers({ "sec-fetch-site": "cross-site" }))).toBe("a cross-site request cannot change anything here (CSRF protection)");
    expect(crossSiteRefusal(new Headers({ "sec-fetch-site": "same-site" }))).toMatch(/same-site request/);
    expect(crossSiteRefusal(new Headers({ origin: "http://evil.example", host: "dash.example" }))).toBe(
      "a request from http://evil.example cannot change anything on dash.example (CSRF protection)",
    );
    expect(crossSiteRefusal(new Headers({ origin: "null", host: "dash.example" }))).toMatch(/^a request from null/);
    expect(crossSiteRefusal(new Headers({ origin: "https://dash.example", host: "10.0.0.2:3000", "x-forwarded-host": "dash.example" }))).toBeNull();
    expect(crossSiteRefusal(new Headers({ "sec-fetch-site": "same-origin", origin: "http://dash.example", host: "dash.example" }))).toBeNull();
    expect(crossSiteRefusal(new Headers())).toBeNull();
  });
});

describe("the checks before an action runs", () => {
  const settings: DashboardSettings = readSettings({ DASHBOARD_USER: "ada", DASHBOARD_PASSWORD: "lovelace", DASHBOARD_TOKEN: TOKEN, DASHBOARD_SECRET: "x".repeat(32) });
  const session = newSessionId();
  const token = csrfToken(session, signingSecret(settings.secret));

  function post(headers: Record<string, string>, body: string | URLSearchParams = new URLSearchParams({ action: "resume", csrf: token })): Request {
    const contentType = typeof body === "string" ? "text/plain" : "application/x-www-form-urlencoded";
    return new Request("http://dash.example/0/actions", { method: "POST", headers: { host: "dash.example", "content-type": contentType, ...headers }, body });
  }
  const signedIn = { authorization: basic("ada", "lovelace").get("authorization")!, cookie: `${SESSION_COOKIE}=${session}` };

  async function refusal(request: Request, guardSettings = settings): Promise<{ status: number; message: string }> {
    const result = await guardAction(request, guardSettings);
    if (!("refusal" in result)) throw new Error("expected a refusal");
    const { refusal } = result;
    return refusal instanceof Response ? { status: refusal.status, message: await refusal.text() } : refusal;
  }

  it("passes a same-origin form post with credentials, session cookie and token", async () => {
    const result = await guardAction(post({ ...signedIn, origin: "http://dash.example", "sec-fetch-site": "same-origin" }), settings);
    expect("form" in result && result.form.get("action")).toBe("resume");
  });

  it("asks for credentials (401) before anything else", async () => {
    expect(await refusal(post({ cookie: signedIn.cookie }))).toMatchObject({ status: 401, message: expect.stringMatching(/^Authentication required/) });
  });

  it("refuses every action in read-only mode, saying why", async () => {
    const readOnly = readSettings({ DASHBOARD_TOKEN: TOKEN, DASHBOARD_READ_ONLY: "1" });
    expect(await refusal(post({ authorization: `Bearer ${TOKEN}` }), readOnly)).toEqual({ status: 403, message: "This dashboard is read-only: DASHBOARD_READ_ONLY is set" });
    expect(await refusal(post({}), readSettings({}))).toMatchObject({ status: 403, message: expect.stringMatching(/read-only: no credentials are configured/) });
  });

  it("refuses a post from another site even with the browser's credentials and cookie", async () => {
    expect(await refusal(post({ ...signedIn, origin: "http://evil.example" }))).toMatchObject({ status: 403, message: expect.stringMatching(/CSRF protection/) });
    expect(await refusal(post({ ...signedIn, "sec-fetch-site": "cross-site" }))).toMatchObject({ status: 403 });
  });

  it("refuses a post without the session's token, or with another session's", async () => {
    expect(await refusal(post(signedIn, new URLSearchParams({ action: "resume" })))).toMatchObject({ status: 403, message: expect.stringMatching(/CSRF token is missing/) });
    const otherToken = csrfToken(newSessionId(), signingSecret(settings.secret));
    expect(await refusal(post(signedIn, new URLSearchParams({ action: "resume", csrf: otherToken })))).toMatchObject({ status: 403 });
    expect(await refusal(post({ authorization: signedIn.authorization }))).toMatchObject({ status: 403 }); // no cookie
  });

  it("needs no CSRF token from a script authenticated with the Bearer token", async () => {
    const result = await guardAction(post({ authorization: `Bearer ${TOKEN}` }, new URLSearchParams({ action: "suspend" })), settings);
    expect("form" in result && result.form.get("action")).toBe("suspend");
  });

  it("takes only small form bodies", async () => {
    expect(await refusal(post(signedIn, "action=resume"))).toMatchObject({ status: 415, message: expect.stringMatching(/posted as forms/) });
    const big = new URLSearchParams({ action: "resume", csrf: token, padding: "x".repeat(MAX_ACTION_BODY_BYTES) });
    expect(await refusal(post(signedIn, big))).toMatchObject({ status: 413 });
  });
});
