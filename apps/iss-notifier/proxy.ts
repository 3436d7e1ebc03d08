/**
 * Runs before every route (Next.js "proxy"): refuses cross-site POSTs (CSRF, see
 * @rqts/app-kit/request-guard) except to the signed webhook.
 */
import { NextResponse, type NextRequest } from "next/server";
import { json } from "./lib/http";
import { crossSiteRefusal } from "@rqts/app-kit/request-guard";

/**
 * Paths whose POSTs are authenticated another way (a signature) instead of by origin: Twilio, which
 * calls the inbound-SMS webhook, is another site by definition.
 */
const SIGNED_WEBHOOK_PATHS: ReadonlySet<string> = new Set(["/sms/inbound"]);

export function proxy(request: NextRequest): Response {
  if (request.method !== "GET" && request.method !== "HEAD" && !SIGNED_WEBHOOK_PATHS.has(request.nextUrl.pathname)) {
    const refusal = crossSiteRefusal(request.headers);
    if (refusal) return json(403, { message: refusal });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
