/**
 * Runs before every page and route (Next.js "proxy", formerly middleware): refuses cross-site POSTs
 * (see @rqts/app-kit/request-guard).
 */
import { NextResponse, type NextRequest } from "next/server";
import { crossSiteRefusal, STATE_CHANGING_METHODS } from "@rqts/app-kit/request-guard";

export function proxy(request: NextRequest): Response {
  if (STATE_CHANGING_METHODS.has(request.method)) {
    const refusal = crossSiteRefusal(request.headers);
    if (refusal) return NextResponse.json({ error: "forbidden", message: refusal }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
