/**
 * The checks an action request passes before anything runs, in order:
 *
 * 1. authentication (401 without valid credentials: lib/auth.ts);
 * 2. read-only mode (403: no credentials configured, or `DASHBOARD_READ_ONLY`);
 * 3. a small form body (413 / 415 otherwise);
 * 4. CSRF, unless authenticated by a Bearer token: same-site headers and the session's token (403:
 *    lib/csrf.ts).
 *
 * Returns the form when every check passes, else the refusal to send.
 */
import { authenticate, authenticationRequired } from "./auth";
import { CSRF_FIELD } from "./action-catalog";
import { SESSION_COOKIE, crossSiteRefusal, isValidCsrfToken, signingSecret } from "./csrf";
import type { DashboardSettings } from "./settings";

/** Largest action body accepted: a handful of short fields. */
export const MAX_ACTION_BODY_BYTES = 16 * 1024;

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** A refusal: the HTTP status and a sentence saying why and what to do. */
export interface Refusal {
  status: number;
  message: string;
}

/** The value of one cookie of a request. */
export function cookieValue(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

/** Runs the checks; resolves with the posted form, or with the response that refuses the request. */
export async function guardAction(request: Request, settings: DashboardSettings): Promise<{ form: FormData } | { refusal: Refusal | Response }> {
  const authentication = authenticate(request.headers, settings.credentials);
  if (authentication === null) return { refusal: authenticationRequired() };
  if (settings.readOnly) return { refusal: { status: 403, message: `This dashboard is read-only: ${settings.readOnlyReason}` } };

  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(contentType)) {
    return { refusal: { status: 415, message: `Actions are posted as forms (${FORM_TYPES.join(" or ")}), not "${contentType || "no content type"}"` } };
  }
  const length = Number(request.headers.get("content-length") ?? "0");
  const body = await request.arrayBuffer();
  if (length > MAX_ACTION_BODY_BYTES || body.byteLength > MAX_ACTION_BODY_BYTES) {
    return { refusal: { status: 413, message: `An action's form must be under ${MAX_ACTION_BODY_BYTES} bytes` } };
  }
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return { refusal: { status: 400, message: "The form body could not be read" } };
  }

  if (authentication !== "bearer") {
    const crossSite = crossSiteRefusal(request.headers);
    if (crossSite) return { refusal: { status: 403, message: `Refused: ${crossSite}` } };
    const token = form.get(CSRF_FIELD);
    const session = cookieValue(request.headers, SESSION_COOKIE);
    if (!isValidCsrfToken(session, typeof token === "string" ? token : undefined, signingSecret(settings.secret))) {
      return { refusal: { status: 403, message: "Refused: the CSRF token is missing or does not match this browser's session (CSRF protection); reload the page and try again" } };
    }
  }
  return { form };
}
