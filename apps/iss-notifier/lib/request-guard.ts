/**
 * CSRF protection for the form routes (proxy.ts applies it): a POST must come from this site. Browsers
 * send `Sec-Fetch-Site` on every request and `Origin` on cross-origin POSTs, so a POST marked
 * cross-site, or whose Origin names another host, is refused. The inbound-SMS webhook is exempt: Twilio
 * is another site by definition, and its requests are authenticated by their signature instead.
 */

/** Paths whose POSTs are authenticated another way (a signature) instead of by origin. */
export const SIGNED_WEBHOOK_PATHS: ReadonlySet<string> = new Set(["/sms/inbound"]);

/** Why a POST is refused as cross-site, or `null` when it may go on. */
export function crossSiteRefusal(headers: Headers): string | null {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin" && fetchSite !== "none") {
    return `Refused: a ${fetchSite} request cannot change anything here (CSRF protection)`;
  }
  const origin = headers.get("origin");
  if (origin === null) return null; // not from a browser: no page can have forged it
  const originHost = URL.canParse(origin) ? new URL(origin).host : "";
  const host = (headers.get("x-forwarded-host") ?? headers.get("host") ?? "").split(",")[0]?.trim();
  if (!host || originHost !== host) return `Refused: a request from ${origin} cannot change anything on ${host || "this site"} (CSRF protection)`;
  return null;
}
