/**
 * CSRF protection for every state-changing request (proxy.ts applies it). Browsers label each request
 * with `Sec-Fetch-Site` and send `Origin` with every cross-origin POST: a POST labelled as coming from
 * another site, or whose Origin names another host, is refused. A request with neither header comes
 * from no browser (curl, a test), so no other site can have made a person's browser send it.
 */

/** Methods that change something. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Why the request is refused as cross-site, or null when it may go on. */
export function csrfRefusal(headers: Headers): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") {
    return `Refused: a ${site} request cannot change anything here (CSRF protection)`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null;
  const host = headers.get("host") ?? "";
  const originHost = URL.canParse(origin) ? new URL(origin).host : null;
  return originHost !== null && originHost === host ? null : `Refused: a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`;
}
