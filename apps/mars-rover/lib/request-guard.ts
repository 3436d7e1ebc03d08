/**
 * This app's side of the checks proxy.ts runs before every route: the CSRF check and Basic auth
 * themselves are `@rqts/app-kit/request-guard`'s; here is only the 401 naming this app's realm and
 * `MARS_ROVER_BASIC_AUTH`, where the user name and password are set.
 */
import { authenticationRequired } from "@rqts/app-kit/request-guard";

/** The 401 that makes a browser ask for the user name and password. */
export function askForCredentials(): Response {
  return authenticationRequired({ realm: "mars-rover", envVar: "MARS_ROVER_BASIC_AUTH" });
}
