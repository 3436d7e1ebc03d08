/**
 * The checks every request passes before a route sees it (proxy.ts applies them):
 *
 * - **Auth.** With `MARS_ROVER_BASIC_AUTH` set, HTTP Basic credentials are required everywhere.
 * - **CSRF.** A request that changes something (POST…) must come from a page of this site. Browsers mark
 *   each request with `Sec-Fetch-Site` and send `Origin` with cross-origin POSTs: one marked other than
 *   `same-origin` (or `none`: typed by the user), or whose `Origin` names another host, is refused. A
 *   request with neither header is not from a browser (curl, a script), so no page can have forged it.
 */
import { timingSafeEqual } from "node:crypto";

/** Methods that change something, and so need the CSRF check. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why a request that changes something is refused as cross-site, or `null` when it may go on. */
export function csrfRefusal(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return `Refused: a ${site} request cannot change anything here (CSRF protection)`;
  const origin = headers.get("origin");
  if (origin === null) return null;
  const from = URL.canParse(origin) ? new URL(origin).host : "";
  // Behind a proxy, the host the browser used arrives as X-Forwarded-Host.
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]!.trim();
  if (host && from === host) return null;
  return `Refused: a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`;
}

/** Whether the `Authorization` header carries these Basic credentials (compared in constant time). */
export function hasCredentials(headers: Headers, expected: { user: string; password: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get("authorization") ?? "");
  if (!match) return false;
  const given = Buffer.from(Buffer.from(match[1]!, "base64").toString("utf8"));
  const wanted = Buffer.from(`${expected.user}:${expected.password}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** The 401 that makes a browser ask for the user name and password. */
export function askForCredentials(): Response {
  return new Response("Authentication required: use the user name and password of MARS_ROVER_BASIC_AUTH\n", {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="mars-rover", charset="UTF-8"', "Content-Type": "text/plain; charset=utf-8" },
  });
}
