/**
 * Runs before every page and route (Next.js "proxy", formerly middleware): refuses cross-site POSTs
 * (see lib/request-guard.ts).
 */
import { NextResponse, type NextRequest } from "next/server";
import { csrfRefusal, STATE_CHANGING_METHODS } from "./lib/request-guard";

export function proxy(request: NextRequest): Response {
  if (STATE_CHANGING_METHODS.has(request.method)) {
    const refusal = csrfRefusal(request.headers);
    if (refusal) return NextResponse.json({ error: "forbidden", message: refusal }, { status: 403 });
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
