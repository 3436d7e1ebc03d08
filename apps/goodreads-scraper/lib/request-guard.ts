/**
 * The checks every request passes before a route sees it (proxy.ts applies them):
 *
 * - **Auth.** With `GOODREADS_SCRAPER_BASIC_AUTH` set, HTTP Basic credentials are required everywhere.
 * - **CSRF.** Only this site's own pages may POST. A browser labels every request with
 *   `Sec-Fetch-Site` and every cross-origin POST with `Origin`, so a POST labelled as coming from
 *   another site, or whose `Origin` is not the host it was sent to, is refused. A request with neither
 *   header was not sent by a browser (curl, a script), so no other site's page can have forged it.
 */
import { timingSafeEqual } from "node:crypto";

/** Methods that change something, and so need the CSRF check. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a state-changing request is refused as cross-site, or `null` when it may go on. */
export function csrfRefusal(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return `Refused: this ${site} request did not come from this site's own page (CSRF protection)`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  const from = URL.canParse(origin) ? new URL(origin).host : "";
  // Behind a reverse proxy, the host the browser used arrives as X-Forwarded-Host.
  const to = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim() ?? "";
  if (!to || from !== to) return `Refused: a page of ${origin} cannot submit to ${to || "this site"} (CSRF protection)`;
  return null;
}

/** Whether the `Authorization` header carries these Basic credentials (compared in constant time). */
export function hasBasicCredentials(headers: Headers, expected: { user: string; password: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "base64");
  const wanted = Buffer.from(`${expected.user}:${expected.password}`, "utf8");
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The 401 answer that makes a browser ask for a user name and password. */
export function authenticationRequired(): Response {
  return new Response("Authentication required: use the user name and password of GOODREADS_SCRAPER_BASIC_AUTH\n", {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="goodreads-scraper", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
  });
}
