/**
 * The web app's request and response conventions: bodies are small forms or JSON objects, answers are
 * JSON `{ status: "success", data }` (the testdriven app's shape) or `{ status: "error", message }`.
 */
import { ConfigError, InvalidInputError, RequestRefusedError } from "./errors";

/** The largest request body read, in bytes: a URL of 2,048 characters and a little more. */
export const MAX_BODY_BYTES = 8 * 1024;

/**
 * The fields of a form (`application/x-www-form-urlencoded`, as curl -d and the original's jQuery post)
 * or of a JSON object. Throws `RequestRefusedError` (413, 415, 400) for anything else.
 */
export async function readFields(request: Request): Promise<Record<string, string>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "application/json") {
    throw new RequestRefusedError(415, "Send the fields as a form (application/x-www-form-urlencoded) or as a JSON object (application/json)");
  }
  const text = await readText(request);
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RequestRefusedError(400, "The body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new RequestRefusedError(400, "The body must be a JSON object");
  // Only string fields count: { "type": ["short"] } is not a type, whatever the array holds.
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

async function readText(request: Request): Promise<string> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
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
  return new RequestRefusedError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
}

/** A `{ status: "success", data }` answer. */
export function success(data: unknown, status = 200): Response {
  return Response.json({ status: "success", data }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A `{ status: "error", message }` answer. */
export function failure(status: number, message: string, field?: string): Response {
  return Response.json({ status: "error", message, ...(field ? { field } : {}) }, { status, headers: { "Cache-Control": "no-store" } });
}

/** Turns a thrown error into its answer: 400 for bad input, the refusal's status, 503 for configuration, else 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof InvalidInputError) return failure(400, error.message, error.field);
  if (error instanceof RequestRefusedError) return failure(error.status, error.message);
  if (error instanceof ConfigError) return failure(503, `The server is misconfigured: ${error.message}`);
  console.error("long-tasks: request failed:", error);
  return failure(500, "The request failed on the server (see its log)");
}
