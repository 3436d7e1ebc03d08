/**
 * The checks every request passes before a route sees it (proxy.ts applies them):
 *
 * - **Auth.** With `LONG_TASKS_BASIC_AUTH` set, HTTP Basic credentials are required everywhere.
 * - **CSRF.** A POST must come from this site. Browsers mark every request with `Sec-Fetch-Site`
 *   and send `Origin` on cross-origin POSTs, so a POST whose `Sec-Fetch-Site` is not `same-origin`
 *   (or `none`: typed by the user), or whose `Origin` names another host, is refused. A request with
 *   neither header does not come from a browser (curl, a script), so no page can have forged it.
 */
import { timingSafeEqual } from "node:crypto";

/** Methods that change something, and so need the CSRF check. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a state-changing request is refused as cross-site, or `null` when it may go on. */
export function crossSiteRefusal(headers: Headers): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `Refused: a ${fetchSite} request cannot change anything here (CSRF protection)`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  const originHost = URL.canParse(origin) ? new URL(origin).host : "";
  // Behind a proxy, the host the browser used arrives as X-Forwarded-Host.
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim();
  if (!host || originHost !== host) {
    return `Refused: a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`;
  }
  return null;
}

/** Whether the `Authorization` header carries these Basic credentials (compared in constant time). */
export function hasBasicCredentials(headers: Headers, expected: { user: string; password: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(Buffer.from(match[1], "base64").toString("utf8"));
  const wanted = Buffer.from(`${expected.user}:${expected.password}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The 401 answer that makes a browser ask for the user name and password. */
export function authenticationRequired(): Response {
  return new Response("Authentication required: set the user name and password of LONG_TASKS_BASIC_AUTH\n", {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="long-tasks", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
  });
}
