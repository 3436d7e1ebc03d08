/**
 * Runs before every page and route (Next.js's "proxy", formerly middleware): asks for credentials
 * when GOODREADS_SCRAPER_BASIC_AUTH is set, and refuses cross-site POSTs (see @rqts/app-kit/request-guard).
 */
import { NextResponse, type NextRequest } from "next/server";
import { readConfig } from "./lib/config";
import { errorResponse, failure } from "./lib/http";
import { crossSiteRefusal, hasBasicCredentials, STATE_CHANGING_METHODS } from "@rqts/app-kit/request-guard";
import { askForCredentials, refusalWording } from "./lib/request-guard";

export function proxy(request: NextRequest): Response {
  let basicAuth;
  try {
    ({ basicAuth } = readConfig());
  } catch (error) {
    return errorResponse(error); // 503, naming the misconfigured variable
  }
  if (basicAuth && !hasBasicCredentials(request.headers, basicAuth)) return askForCredentials();
  if (STATE_CHANGING_METHODS.has(request.method)) {
    const refusal = crossSiteRefusal(request.headers, refusalWording);
    if (refusal) return failure(403, refusal);
  }
  return NextResponse.next();
}

export const config = {
  // Everything but the static build output, which holds no data.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
