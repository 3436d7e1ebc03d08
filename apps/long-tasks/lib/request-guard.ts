/**
 * This app's side of the checks proxy.ts runs before every route: the CSRF check and Basic auth
 * themselves are `@rqts/app-kit/request-guard`'s; here is only the 401 naming this app's realm and
 * `LONG_TASKS_BASIC_AUTH`, where the user name and password are set.
 */
import { authenticationRequired } from "@rqts/app-kit/request-guard";

/** The 401 answer that makes a browser ask for the user name and password. */
export function askForCredentials(): Response {
  return authenticationRequired({
    realm: "long-tasks",
    envVar: "LONG_TASKS_BASIC_AUTH",
    message: "Authentication required: set the user name and password of LONG_TASKS_BASIC_AUTH",
  });
}
