/**
 * The wire encodings of RQ's JSONSerializer:
 * - job `data` = zlib(UTF-8 JSON of `[func_name, null, args, kwargs]`);
 * - `meta` = plain JSON (no zlib);
 * - result `return_value` = base64(JSON); `exc_string` = base64(zlib(UTF-8 text)).
 *
 * We write zlib with stored (uncompressed) blocks: it is valid zlib that Python's `zlib.decompress`
 * reads, and costs well under a microsecond where `deflateSync` costs ~10 µs per job (PERFORMANCE.md).
 * We read any zlib, since Python RQ compresses for real.
 */
import { inflateSync } from "node:zlib";
import { defaults } from "./defaults.js";
import { MalformedJobError } from "./errors.js";

const STORED_BLOCK_MAX = 0xffff;

/** Adler-32 checksum (RFC 1950), the zlib trailer. */
function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  const NMAX = 5552; // largest run before the sums can overflow 2^32
  for (let start = 0; start < bytes.length; start += NMAX) {
    const end = Math.min(start + NMAX, bytes.length);
    for (let i = start; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Wraps bytes in a zlib stream made of stored blocks (RFC 1950/1951, BTYPE=00). */
export function zlibStore(input: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(input.length / STORED_BLOCK_MAX));
  const out = Buffer.allocUnsafe(2 + blocks * 5 + input.length + 4);
  out[0] = 0x78; // CMF: deflate, 32 KiB window
  out[1] = 0x01; // FLG: fastest level, no dictionary; (0x78 << 8 | 0x01) % 31 === 0
  let offset = 2;
  for (let block = 0; block < blocks; block++) {
    const start = block * STORED_BLOCK_MAX;
    const length = Math.min(STORED_BLOCK_MAX, input.length - start);
    out[offset] = block === blocks - 1 ? 1 : 0; // BFINAL on the last block
    out.writeUInt16LE(length, offset + 1);
    out.writeUInt16LE(~length & 0xffff, offset + 3);
    out.set(input.subarray(start, start + length), offset + 5);
    offset += 5 + length;
  }
  out.writeUInt32BE(adler32(input), offset);
  return out;
}

/**
 * The content of a zlib stream made only of stored blocks, with a valid Adler-32 trailer — what
 * `zlibStore` writes — or undefined for anything else. Reading it directly skips zlib's inflater
 * (~5 µs per job on the worker's hot path); any other stream takes the usual way.
 */
function readStoredZlib(bytes: Buffer): Buffer | undefined {
  if (bytes.length < 11 || bytes[0] !== 0x78 || (bytes[1]! & 0x20) !== 0 || ((0x78 << 8) | bytes[1]!) % 31 !== 0) return undefined;
  // one block (any payload up to 64 KB), the usual case: no list of parts
  const single = bytes.readUInt16LE(3);
  if (bytes[2] === 1 && (single ^ 0xffff) === bytes.readUInt16LE(5) && single + 11 === bytes.length) {
    const content = bytes.subarray(7, 7 + single);
    return adler32(content) === bytes.readUInt32BE(7 + single) ? content : undefined;
  }
  const parts: Buffer[] = [];
  let offset = 2;
  for (let final = false; !final; ) {
    const header = bytes[offset];
    // a byte-aligned stored block: BFINAL in bit 0, BTYPE 00, padding zero
    if (header === undefined || (header & 0xfe) !== 0 || offset + 5 > bytes.length) return undefined;
    const length = bytes.readUInt16LE(offset + 1);
    if ((length ^ 0xffff) !== bytes.readUInt16LE(offset + 3) || offset + 5 + length > bytes.length) return undefined;
    parts.push(bytes.subarray(offset + 5, offset + 5 + length));
    offset += 5 + length;
    final = (header & 1) === 1;
  }
  if (offset + 4 !== bytes.length) return undefined;
  const content = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  return content.length <= defaults.maxInflatedBytes && adler32(content) === bytes.readUInt32BE(offset) ? content : undefined;
}

/**
 * The text inside zlib that `zlibStore` wrote from UTF-8 (a payload from `encodePayload`) and its
 * Adler-32, or undefined for any other bytes. The enqueue script rebuilds the same stored-block zlib from
 * them, so a batch of jobs travels as plain text (a far cheaper command for ioredis than binary).
 */
export function storedZlibText(bytes: Buffer): { text: string; adler32: number } | undefined {
  const content = readStoredZlib(bytes);
  return content && { text: content.toString("utf8"), adler32: bytes.readUInt32BE(bytes.length - 4) };
}

/**
 * Inflates zlib; like RQ, falls back to the raw bytes when they are not zlib. Throws `MalformedJobError`
 * when they would inflate beyond `defaults.maxInflatedBytes` (a zlib bomb).
 */
export function zlibRead(bytes: Buffer): Buffer {
  const stored = readStoredZlib(bytes);
  if (stored) return stored;
  try {
    return inflateSync(bytes, { maxOutputLength: defaults.maxInflatedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new MalformedJobError(
        `zlib data in Redis inflates to more than ${defaults.maxInflatedBytes / 2 ** 20} MiB, so rqts does not read it ` +
          `(a zlib bomb, or a payload too large for a job: store it elsewhere and pass a reference)`,
      );
    }
    return bytes;
  }
}

/** What a job calls: RQ's `(func_name, instance, args, kwargs)` with `instance` always null. */
export interface JobPayload {
  taskName: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
}

/** Encodes a job's call as RQ's `data` field. */
export function encodePayload(payload: JobPayload): Buffer {
  return zlibStore(Buffer.from(JSON.stringify([payload.taskName, null, payload.args, payload.kwargs]), "utf8"));
}

/** Decodes RQ's `data` field, throwing `MalformedJobError` with the reason when it is not a valid call. */
export function decodePayload(data: Buffer | undefined): JobPayload {
  if (!data || data.length === 0) throw new MalformedJobError("The job has no `data` field, so there is no task to call");
  const text = zlibRead(data).toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MalformedJobError(
      `The job's \`data\` is not JSON (was it enqueued with Python's pickle serializer? rqts reads only ` +
        `rq.serializers.JSONSerializer): ${preview(text)}`,
    );
  }
  if (!Array.isArray(parsed) || parsed.length < 3) {
    throw new MalformedJobError(`The job's \`data\` must be a JSON array [func_name, instance, args, kwargs]; got ${preview(text)}`);
  }
  const [taskName, instance, args, kwargs] = parsed as [unknown, unknown, unknown, unknown];
  if (typeof taskName !== "string" || taskName === "") {
    throw new MalformedJobError(`The job's task name must be a non-empty string; got ${preview(JSON.stringify(taskName))}`);
  }
  if (instance !== null && instance !== undefined) {
    throw new MalformedJobError(`The job calls a method on an instance, which only Python's pickle serializer can carry`);
  }
  if (!Array.isArray(args)) {
    throw new MalformedJobError(`The job's arguments must be a JSON array; got ${preview(JSON.stringify(args))}`);
  }
  if (kwargs !== undefined && kwargs !== null && (typeof kwargs !== "object" || Array.isArray(kwargs))) {
    throw new MalformedJobError(`The job's keyword arguments must be a JSON object; got ${preview(JSON.stringify(kwargs))}`);
  }
  return { taskName, args, kwargs: (kwargs ?? {}) as Record<string, unknown> };
}

/** `meta` as stored: JSON, or nothing when empty. */
export function encodeMeta(meta: Record<string, unknown>): string {
  return JSON.stringify(meta);
}

/** Reads `meta`; a value that is not a JSON object reads as `{}` (Python pickle meta cannot be read). */
export function decodeMeta(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The text RQ 2.x stores when a return value cannot be serialized. */
export const UNSERIALIZABLE_RETURN_VALUE = "Unserializable return value";

/** A return value as base64(JSON); `undefined` for null/undefined, which RQ omits. */
export function encodeReturnValue(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  return Buffer.from(json ?? JSON.stringify(UNSERIALIZABLE_RETURN_VALUE), "utf8").toString("base64");
}

export function decodeReturnValue(base64: string | undefined): unknown {
  if (!base64) return null;
  const text = Buffer.from(base64, "base64").toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** An error text as base64(zlib(UTF-8)). */
export function encodeExcString(text: string): string {
  return zlibStore(Buffer.from(text, "utf8")).toString("base64");
}

/** Decodes an error text; one too large to inflate reads as the reason it is not shown (never throws). */
export function decodeExcString(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  try {
    return zlibRead(Buffer.from(base64, "base64")).toString("utf8");
  } catch (error) {
    return `(error text not shown: ${(error as Error).message})`;
  }
}

function preview(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
