/**
 * Runs before every page and route (Next.js "proxy", formerly middleware):
 *
 * 1. settings: a misconfigured variable answers 503 naming it, instead of a half-working dashboard;
 * 2. authentication: with credentials configured, every page and action needs them (401 otherwise),
 *    as rq-dashboard's HTTP Basic does — job data can be private;
 * 3. the browser's session cookie, which CSRF tokens are tied to (lib/csrf.ts), issued on first visit;
 * 4. security headers: a Content-Security-Policy with a fresh nonce per request (Next.js puts it on
 *    its own scripts), so even markup that slipped into a page could run no script.
 *
 * The action route checks authentication, read-only mode and CSRF again itself (lib/action-guard.ts):
 * a matcher change must never leave an action unguarded.
 */
import { NextResponse, type NextRequest } from "next/server";
import { authenticate, authenticationRequired } from "./lib/auth";
import { basePath } from "./lib/base-path";
import { SESSION_COOKIE, isSessionId, newSessionId } from "./lib/csrf";
import { ConfigError } from "./lib/errors";
import { readSettings, type DashboardSettings } from "./lib/settings";

function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest): Response {
  let settings: DashboardSettings;
  try {
    settings = readSettings();
  } catch (error) {
    const message = error instanceof ConfigError ? error.message : String(error);
    return new Response(`The dashboard is misconfigured: ${message}\n`, { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  if (authenticate(request.headers, settings.credentials) === null) return authenticationRequired();

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);

  let newSession: string | undefined;
  if (!isSessionId(request.cookies.get(SESSION_COOKIE)?.value)) {
    // First visit: issue the session and let this very request's page see it (to sign its forms).
    newSession = newSessionId();
    const others = (request.headers.get("cookie") ?? "")
      .split(";")
      .map((part) => part.trim())
      .filter((part) => part !== "" && !part.startsWith(`${SESSION_COOKIE}=`));
    requestHeaders.set("cookie", [...others, `${SESSION_COOKIE}=${newSession}`].join("; "));
  }

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (newSession) {
    const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
    response.cookies.set({ name: SESSION_COOKIE, value: newSession, httpOnly: true, sameSite: "strict", secure: https, path: basePath() || "/" });
  }
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "same-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export const config = {
  // Everything but the build's static files, which hold no data.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
