/**
 * The checks an app's proxy.ts runs before a route sees a request:
 *
 * - **Auth.** With the app's `…_BASIC_AUTH` set, HTTP Basic credentials are required everywhere.
 * - **CSRF.** A request that changes something (POST…) must come from a page of this site. Browsers
 *   mark every request with `Sec-Fetch-Site` and send `Origin` with cross-origin POSTs, so one marked
 *   other than `same-origin` (or `none`: typed by the user), or whose `Origin` names another host, is
 *   refused. A request with neither header was not sent by a browser (curl, a script), so no other
 *   site's page can have forged it.
 *
 * Imported by proxy.ts through the `@rqts/app-kit/request-guard` subpath, which pulls in no Redis client.
 */
import { timingSafeEqual } from "node:crypto";

/** Methods that change something, and so need the CSRF check. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** How a refusal reads: an app may word it its own way (the checks stay the same). */
export interface RefusalWording {
  /** A browser marked the request `cross-site` or `same-site` (`site`). */
  crossSite(site: string): string;
  /** The request's `Origin` is not the host it was sent to (`host`: "" when there is none). */
  foreignOrigin(origin: string, host: string): string;
}

const defaultWording: RefusalWording = {
  crossSite: (site) => `Refused: a ${site} request cannot change anything here (CSRF protection)`,
  foreignOrigin: (origin, host) => `Refused: a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`,
};

/** Why a state-changing request is refused as cross-site, or `null` when it may go on. */
export function crossSiteRefusal(headers: Headers, wording: RefusalWording = defaultWording): string | null {
  const site = headers.get("sec-fetch-site");
  if (site !== null && site !== "same-origin" && site !== "none") return wording.crossSite(site);
  const origin = headers.get("origin");
  if (origin === null) return null;
  // An Origin that is no URL ("null" from a sandboxed frame) matches no host.
  const originHost = URL.canParse(origin) ? new URL(origin).host : "";
  // Behind a reverse proxy, the host the browser used arrives as X-Forwarded-Host (a list when
  // proxies are chained: the first is the browser's). A forged cross-site request cannot set it:
  // a custom header needs a CORS preflight, which this site does not grant.
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim() ?? "";
  if (host && originHost === host) return null;
  return wording.foreignOrigin(origin, host);
}

/** Whether the `Authorization` header carries these Basic credentials (compared in constant time). */
export function hasBasicCredentials(headers: Headers, expected: { user: string; password: string }): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(headers.get("authorization") ?? "");
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], "base64");
  const wanted = Buffer.from(`${expected.user}:${expected.password}`, "utf8");
  // timingSafeEqual throws on buffers of different lengths; the length itself is no secret worth hiding.
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * The 401 answer that makes a browser ask for a user name and password. `realm` names the app in the
 * browser's dialog; the body (what a user who cancels it sees) names `envVar`, where they are set.
 */
export function authenticationRequired(options: { realm: string; envVar: string; message?: string }): Response {
  const message = options.message ?? `Authentication required: use the user name and password of ${options.envVar}`;
  return new Response(`${message}\n`, {
    status: 401,
    headers: { "WWW-Authenticate": `Basic realm="${options.realm}", charset="UTF-8"`, "Content-Type": "text/plain; charset=utf-8" },
  });
}
