/**
 * Who is asking. With credentials configured (see lib/settings.ts), every request must carry one of:
 *
 * - `Authorization: Basic` with `DASHBOARD_USER`:`DASHBOARD_PASSWORD` (what the browser prompt sends);
 * - `Authorization: Basic` with any user name and `DASHBOARD_TOKEN` as the password;
 * - `Authorization: Bearer <DASHBOARD_TOKEN>` (scripts).
 *
 * The kind matters for CSRF: a browser re-sends Basic credentials on its own, even on a request another
 * site forged, so Basic-authenticated actions also need a CSRF token; a Bearer header is never added
 * by a browser on its own, so a request carrying one cannot be forged cross-site.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Credentials } from "./settings";

/** How a request proved who it is: `anonymous` when no credentials are configured at all. */
export type Authentication = "anonymous" | "basic" | "bearer";

/** Equal strings, compared in constant time whatever their lengths (both are hashed first). */
function sameSecret(given: string, wanted: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(wanted)) && given.length === wanted.length;
}

/** How the request authenticated, or `null` when credentials are configured and it carries none that match. */
export function authenticate(headers: Headers, credentials: Credentials | undefined): Authentication | null {
  if (!credentials) return "anonymous";
  const header = headers.get("authorization") ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  if (bearer !== undefined) return credentials.token !== undefined && sameSecret(bearer, credentials.token) ? "bearer" : null;

  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (encoded === undefined) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const { basic, token } = credentials;
  // Evaluate both checks, so the time taken does not tell which kind of credential is configured.
  const basicMatches = basic !== undefined && sameSecret(user, basic.user) && sameSecret(password, basic.password);
  const tokenMatches = token !== undefined && sameSecret(password, token);
  return basicMatches || tokenMatches ? "basic" : null;
}

/** The 401 answer that makes a browser show its sign-in prompt. */
export function authenticationRequired(): Response {
  return new Response(
    "Authentication required: sign in with DASHBOARD_USER and DASHBOARD_PASSWORD, or with any user name and DASHBOARD_TOKEN as the password (scripts: Authorization: Bearer <DASHBOARD_TOKEN>).\n",
    {
      status: 401,
      headers: { "WWW-Authenticate": 'Basic realm="rqts dashboard", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
    },
  );
}
