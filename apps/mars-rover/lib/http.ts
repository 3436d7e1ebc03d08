/**
 * The web app's request and response conventions: request bodies are small JSON objects (or forms, for
 * curl), answers are JSON — `{ status: "success", data }` or `{ status: "error", message, field? }`.
 */
import { InvalidArgumentError, NoSuchCronEntryError } from "@rqts/queue";
import { ConfigError, InvalidInputError, RequestRefusedError } from "./errors";

/** The largest request body read, in bytes. */
export const MAX_BODY_BYTES = 8 * 1024;

/** The fields of a JSON object or a form, as strings (or `null`); `RequestRefusedError` (400, 413, 415) for anything else. */
export async function readBody(request: Request): Promise<Record<string, string | null>> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded") {
    throw new RequestRefusedError(415, "Send a JSON object (application/json) or a form (application/x-www-form-urlencoded)");
  }
  const text = await readLimited(request);
  if (type === "application/x-www-form-urlencoded") return Object.fromEntries(new URLSearchParams(text));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new RequestRefusedError(400, "The body is not valid JSON");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new RequestRefusedError(400, "The body must be a JSON object");
  // Strings and nulls only: a list or an object where a rover name belongs is refused by the field's own check.
  const fields: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === "string" || value === null) fields[name] = value;
    else if (typeof value === "number") fields[name] = String(value);
  }
  return fields;
}

async function readLimited(request: Request): Promise<string> {
  const tooLarge = () => new RequestRefusedError(413, `The body is larger than ${MAX_BODY_BYTES} bytes`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  const reader = request.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A `{ status: "success", data }` answer. */
export function success(data: unknown, status = 200): Response {
  return Response.json({ status: "success", data }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A `{ status: "error", message }` answer. */
export function failure(status: number, message: string, field?: string): Response {
  return Response.json({ status: "error", message, ...(field ? { field } : {}) }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A thrown error as an answer: 400 for bad input, the refusal's status, 503 for configuration, else 500. */
export function errorResponse(error: unknown): Response {
  if (error instanceof InvalidInputError) return failure(400, error.message, error.field);
  if (error instanceof InvalidArgumentError || error instanceof NoSuchCronEntryError) return failure(400, error.message);
  if (error instanceof RequestRefusedError) return failure(error.status, error.message);
  if (error instanceof ConfigError) return failure(503, `The server is misconfigured: ${error.message}`);
  console.error("mars-rover: request failed:", error);
  return failure(500, "The request failed on the server (see its log)");
}
