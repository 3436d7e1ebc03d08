/**
 * Errors → HTTP answers, in one place: which status each typed error means, and the body an action
 * returns (JSON for the page's script, a redirect or plain text for a form posted without JavaScript).
 */
import { InvalidArgumentError, InvalidJobOperationError, NoSuchJobError, NoSuchQueueError, RqtsError } from "@rqts/queue";
import { ConfigError, InvalidInputError, RedisUnavailableError } from "./errors";

/** The status and the message to show for an error; unexpected errors get a generic message (and are logged). */
export function describeError(error: unknown): { status: number; message: string } {
  if (error instanceof InvalidInputError || error instanceof InvalidArgumentError) return { status: 400, message: error.message };
  if (error instanceof NoSuchJobError || error instanceof NoSuchQueueError) return { status: 404, message: error.message };
  if (error instanceof InvalidJobOperationError) return { status: 409, message: error.message };
  if (error instanceof RedisUnavailableError || error instanceof ConfigError) return { status: 503, message: error.message };
  if (error instanceof RqtsError) return { status: 400, message: error.message };
  console.error("rqts dashboard: unexpected error", error);
  return { status: 500, message: "Unexpected error; the server log has the details" };
}

/** Whether the client asked for JSON (the page's script does; a plain form post does not). */
export function wantsJson(request: Request): boolean {
  return (request.headers.get("accept") ?? "").includes("application/json");
}

/** The answer to an action: JSON `{ ok, message, redirectTo? }`, or for plain forms a redirect / text. */
export function actionResponse(
  request: Request,
  result: { ok: boolean; status: number; message: string; redirectTo?: string },
  returnTo: string,
): Response {
  if (wantsJson(request)) {
    const { ok, message, redirectTo } = result;
    return Response.json({ ok, message, ...(redirectTo ? { redirectTo } : {}) }, { status: result.status, headers: { "Cache-Control": "no-store" } });
  }
  if (result.ok) return new Response(null, { status: 303, headers: { Location: returnTo } });
  return new Response(`${result.message}\n`, { status: result.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
