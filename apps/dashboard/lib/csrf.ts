/**
 * CSRF protection for every action (a synchronizer token tied to the browser's session, plus an
 * Origin check):
 *
 * 1. The proxy gives each browser a random session id in an HttpOnly, SameSite=Strict cookie.
 * 2. Pages put `csrfToken(session)` — an HMAC of that id under a server-side secret — in each action
 *    form. Another site can make the browser send the cookie (SameSite aside) but can read neither
 *    the cookie nor the page, so it cannot know the token.
 * 3. An action must come from this site (`Origin` / `Sec-Fetch-Site`) and carry the token matching
 *    its session cookie.
 *
 * Requests authenticated with a Bearer token skip 2–3: no browser adds that header on its own, so such
 * a request cannot have been forged by another site (see lib/auth.ts).
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The session cookie's name (its value is random and means nothing but "this browser"). */
export const SESSION_COOKIE = "rqts_dashboard_session";

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/; // 32 random bytes, base64url

/** A new random session id (32 bytes, base64url). */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a cookie value looks like a session id this dashboard issued. */
export function isSessionId(value: string | undefined): value is string {
  return value !== undefined && SESSION_ID.test(value);
}

// Kept on globalThis: Next.js bundles pages and route handlers separately, and both must sign with
// the same key. A restart makes a new one; open pages then get a fresh token on their next refresh.
const SECRET_SLOT = Symbol.for("rqts.dashboard.csrf-secret");
type SecretHolder = { [SECRET_SLOT]?: string };

/** The signing key: `DASHBOARD_SECRET` when configured, else one random key per process. */
export function signingSecret(configured: string | undefined): string {
  if (configured) return configured;
  const holder = globalThis as SecretHolder;
  holder[SECRET_SLOT] ??= randomBytes(32).toString("hex");
  return holder[SECRET_SLOT];
}

/** The CSRF token of a session. */
export function csrfToken(sessionId: string, secret: string): string {
  return createHmac("sha256", secret).update(`rqts-dashboard-csrf:${sessionId}`).digest("base64url");
}

/** Whether `token` is the CSRF token of `sessionId` (compared in constant time). */
export function isValidCsrfToken(sessionId: string | undefined, token: string | undefined, secret: string): boolean {
  if (!isSessionId(sessionId) || typeof token !== "string") return false;
  const expected = Buffer.from(csrfToken(sessionId, secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Why a state-changing request is refused as cross-site, or `null` when its headers show it comes
 * from this site. Browsers send `Sec-Fetch-Site` on every request and `Origin` on every POST; a
 * request with neither does not come from a browser. `X-Forwarded-Host` counts (behind a proxy the
 * browser's host arrives there); a page cannot forge it, as setting it needs a CORS preflight this
 * server never grants.
 */
export function crossSiteRefusal(headers: Headers): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `a ${fetchSite} request cannot change anything here (CSRF protection)`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  const originHost = URL.canParse(origin) ? new URL(origin).host : "";
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim();
  if (!host || originHost !== host) return `a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`;
  return null;
}
