/** Runs before every route (Next.js "proxy"): refuses cross-site POSTs except to the signed webhook. */
import { NextResponse, type NextRequest } from "next/server";
import { json } from "./lib/http";
import { crossSiteRefusal, SIGNED_WEBHOOK_PATHS } from "./lib/request-guard";

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
