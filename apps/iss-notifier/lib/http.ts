/** JSON answers of the web routes, and the mapping from the app's typed errors to HTTP statuses. */
import { IssNotifierError, InvalidSubscriptionError } from "./errors";

export function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

/** A typed error becomes its status and message; anything else is logged and answered with a plain 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof IssNotifierError) {
    return json(error.status, { message: error.message, ...(error instanceof InvalidSubscriptionError ? { field: error.field } : {}) });
  }
  console.error("iss-notifier:", error);
  return json(500, { message: "Something went wrong on the server; the log says what" });
}

/** Reads a POST body sent as JSON or as a form, as a plain object of strings; refuses anything else. */
export async function readForm(request: Request, maxBytes = 4096): Promise<Record<string, unknown> | Response> {
  const text = await request.text();
  if (text.length > maxBytes) return json(413, { message: `The request body is over ${maxBytes} bytes` });
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    try {
      const value: unknown = JSON.parse(text);
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // answered below
    }
    return json(400, { message: "The body must be a JSON object such as {\"phone\": \"+14155550123\", …}" });
  }
  if (type.startsWith("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return json(415, { message: "Send application/json or application/x-www-form-urlencoded" });
}
