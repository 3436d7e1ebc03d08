/**
 * This app's side of the checks proxy.ts runs before every route: the CSRF check and Basic auth
 * themselves are `@rqts/app-kit/request-guard`'s; here are this app's wording of a CSRF refusal and
 * the 401 naming its realm and `GOODREADS_SCRAPER_BASIC_AUTH`, where the user name and password are set.
 */
import { authenticationRequired, type RefusalWording } from "@rqts/app-kit/request-guard";

/** How this app words a refused cross-site request (pass to `crossSiteRefusal`). */
export const refusalWording: RefusalWording = {
  crossSite: (site) => `Refused: this ${site} request did not come from this site's own page (CSRF protection)`,
  foreignOrigin: (origin, host) => `Refused: a page of ${origin} cannot submit to ${host || "this site"} (CSRF protection)`,
};

/** The 401 answer that makes a browser ask for a user name and password. */
export function askForCredentials(): Response {
  return authenticationRequired({ realm: "goodreads-scraper", envVar: "GOODREADS_SCRAPER_BASIC_AUTH" });
}
