/**
 * The web app's request and response conventions. A list of URLs arrives as the timber.io app took it
 * (a JSON array), as `{ "urls": [...] }`, or one URL per line (a form field `urls` or plain text);
 * answers are JSON `{ status: "success", data }` or `{ status: "error", message, field?, problems? }`.
 */
import { ConfigError, InvalidInputError, RequestRefusedError } from "./errors";

/** The largest request body read: 100 URLs of 600 characters each, roughly. */
export const MAX_BODY_BYTES = 64 * 1024;

const LIST_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain"];

/**
 * The submitted URL list, not yet checked. Throws `RequestRefusedError` for another media type (415),
 * a body over `MAX_BODY_BYTES` (413) or JSON that does not hold a list (400).
 */
export async function readUrlList(request: Request): Promise<unknown> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!LIST_TYPES.includes(type)) {
    throw new RequestRefusedError(415, "Send the URLs as JSON (an array, or { \"urls\": [...] }), as a form field urls, or as plain text, one per line");
  }
  const text = await readText(request);
  if (type === "application/x-www-form-urlencoded") return lines(new URLSearchParams(text).get("urls") ?? "");
  if (type === "text/plain") return lines(text);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RequestRefusedError(400, "The body is not valid JSON");
  }
  if (Array.isArray(parsed)) return parsed;
  if (typeof parsed === "object" && parsed !== null && Array.isArray((parsed as { urls?: unknown }).urls)) return (parsed as { urls: unknown[] }).urls;
  throw new RequestRefusedError(400, 'The JSON must be an array of URLs, or an object { "urls": [...] }');
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

async function readText(request: Request): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function tooLarge(): RequestRefusedError {
  return new RequestRefusedError(413, `The body is larger than ${MAX_BODY_BYTES} bytes: send at most 100 URLs per batch`);
}

const NO_STORE = { "Cache-Control": "no-store" };

/** A `{ status: "success", data }` answer. */
export function success(data: unknown, status = 200): Response {
  return Response.json({ status: "success", data }, { status, headers: NO_STORE });
}

/** A `{ status: "error", message }` answer, with the field at fault and each refused URL when there are. */
export function failure(status: number, message: string, extra: { field?: string; problems?: readonly unknown[] } = {}): Response {
  const body = { status: "error", message, ...(extra.field ? { field: extra.field } : {}), ...(extra.problems?.length ? { problems: extra.problems } : {}) };
  return Response.json(body, { status, headers: NO_STORE });
}

/** Turns a thrown error into its answer: 400 for bad input, the refusal's status, 503 for configuration, else 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof InvalidInputError) return failure(400, error.message, { field: error.field, problems: error.problems });
  if (error instanceof RequestRefusedError) return failure(error.status, error.message);
  if (error instanceof ConfigError) return failure(503, `The server is misconfigured: ${error.message}`);
  console.error("goodreads-scraper: request failed:", error);
  return failure(500, "The request failed on the server (see its log)");
}
