/**
 * Golden dumps: every key of a Redis database, with its type, TTL and decoded content, normalised so
 * that a dump taken from rqts can be compared with one taken from Python RQ (test/fixtures/golden/).
 *
 * What is normalised, and to what:
 * - hash timestamps in RQ's exact form `YYYY-MM-DDTHH:MM:SS.ffffffZ` → `<ts>` (any other form stays
 *   as it is, so a wrong format shows up as a difference);
 * - float epoch seconds (execution and result times) → `<epoch>`;
 * - 32-hex execution ids → `<exec>`, 32-hex worker names → `<worker>`, uuid4 job ids → `<uuid>`;
 * - registry scores → relative to `now`, snapped to a configured duration within ±2 s (`now+600`),
 *   `inf` for +inf; a score that is not a whole number of seconds is marked `(non-integer)`;
 * - TTLs → -1 (none) or the configured duration they are within ±2 s of;
 * - job `data` → the decoded call `[func_name, instance, args, kwargs]` (inflate + JSON); `meta`,
 *   `retry_intervals`, `repeat_intervals` and `dependency_ids` → parsed JSON, so JSON whitespace
 *   (Python writes `", "`, JavaScript `","`) does not count: readers parse these fields;
 * - result `return_value` → the decoded JSON value; `exc_string` → the shape of the traceback's last
 *   line, `<ErrorName>: message` (the traceback above it is language-specific);
 * - the worker hash's `version`, `python_version`, `pid`, `hostname`, `ip_address` and
 *   `total_working_time` → placeholders (they describe the process and the run, not the layout);
 * - stream entry ids → `<id>`.
 */
import { inflateSync } from "node:zlib";
import type { Redis } from "ioredis";

export type GoldenKey =
  | { type: "string"; ttl: number; value: string }
  | { type: "hash"; ttl: number; fields: Record<string, unknown> }
  | { type: "list"; ttl: number; items: string[] }
  | { type: "set"; ttl: number; members: string[] }
  | { type: "zset"; ttl: number; members: Record<string, string> }
  | { type: "stream"; ttl: number; entries: Array<{ id: string; fields: Record<string, unknown> }> };

/** Normalised key name → normalised key. */
export type GoldenDump = Record<string, GoldenKey>;

export interface DumpOptions {
  /** "Now" in whole epoch seconds, for relative scores. @defaultValue the current time */
  now?: number;
  /** The durations (seconds) TTLs and relative scores snap to. */
  durations: readonly number[];
  /** How far (seconds) a TTL or score may be from a configured duration. @defaultValue 2 */
  slack?: number;
  /**
   * Keys to leave out, by name: only for keys that are no part of RQ's layout (rqts's own, which RQ
   * never reads), so that leaving them out is a visible decision of the caller. @defaultValue none
   */
  omit?: RegExp;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const EPOCH_FLOAT = /^\d{9,10}\.\d{1,6}$/;
const HEX32 = /(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])/g;
const UUID4 = /(?<![0-9a-f-])[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}(?![0-9a-f-])/g;
const WORKER_KEY_HEX = /^(rq:worker:)[0-9a-f]{32}$/;
const IP_PORT = /^(\d{1,3}\.){3}\d{1,3}:\d+$/;

/** Normalises a piece of text that may hold a timestamp, an epoch or ids. */
export function normaliseText(text: string): string {
  if (TIMESTAMP.test(text)) return "<ts>";
  if (EPOCH_FLOAT.test(text)) return "<epoch>";
  const workerKey = WORKER_KEY_HEX.exec(text);
  if (workerKey) return `${workerKey[1]}<worker>`;
  return text.replace(HEX32, "<exec>").replace(UUID4, "<uuid>");
}

function snap(seconds: number, options: DumpOptions): number | undefined {
  const slack = options.slack ?? 2;
  return options.durations.find((d) => Math.abs(seconds - d) <= slack);
}

/** A TTL as -1 (none), -2 (gone), or the configured duration it is close to (else the raw value). */
export function normaliseTtl(ttl: number, options: DumpOptions): number {
  if (ttl < 0) return ttl;
  return snap(ttl, options) ?? ttl;
}

/** A registry score relative to `now`: `now+600`, `inf`, or the raw difference when it snaps to nothing. */
export function normaliseScore(score: string, now: number, options: DumpOptions): string {
  if (score === "inf" || score === "+inf") return "inf";
  if (score === "-inf") return "-inf";
  const value = Number(score);
  const marker = Number.isInteger(value) ? "" : " (non-integer)";
  const delta = value - now;
  const snapped = snap(delta, options);
  const shown = snapped ?? Math.round(delta);
  return `now${shown < 0 ? "-" : "+"}${Math.abs(shown)}${marker}`;
}

/** The last non-empty line of an error text, with the error class name replaced by `<ErrorName>`. */
export function excStringShape(text: string): string {
  const lines = text.trimEnd().split("\n");
  const last = lines[lines.length - 1] ?? "";
  return last.replace(/^[A-Za-z_][\w.]*(?=: )/, "<ErrorName>");
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return `<not JSON: ${text}>`;
  }
}

function inflate(bytes: Buffer): Buffer | undefined {
  try {
    return inflateSync(bytes);
  } catch {
    return undefined;
  }
}

/** Job hash fields that hold JSON text (Python writes `[30, 60]`, JavaScript `[30,60]`): compared decoded. */
const JSON_JOB_FIELDS = new Set(["meta", "retry_intervals", "repeat_intervals", "dependency_ids"]);

function jobField(field: string, value: Buffer): unknown {
  if (field === "data") {
    const inflated = inflate(value);
    return inflated ? parseJson(inflated.toString("utf8")) : `<not zlib: ${value.toString("base64")}>`;
  }
  const text = value.toString("utf8");
  if (JSON_JOB_FIELDS.has(field)) return parseJson(text);
  return normaliseText(text);
}

const WORKER_PLACEHOLDERS: Record<string, (value: string) => string> = {
  version: () => "<version>",
  python_version: () => "<python_version>",
  pid: (v) => (/^\d+$/.test(v) ? "<pid>" : v),
  hostname: (v) => (v ? "<hostname>" : v),
  ip_address: (v) => (IP_PORT.test(v) ? "<ip>:<port>" : v),
  total_working_time: (v) => (v === "0" ? "0" : Number.isFinite(Number(v)) ? "<seconds>" : v),
};

function workerField(field: string, value: string): string {
  const placeholder = WORKER_PLACEHOLDERS[field];
  if (placeholder) return placeholder(value);
  if (field === "current_job" || field === "queues") return value;
  return normaliseText(value);
}

function resultField(field: string, value: string): unknown {
  if (field === "return_value") return parseJson(Buffer.from(value, "base64").toString("utf8"));
  if (field === "exc_string") {
    const inflated = inflate(Buffer.from(value, "base64"));
    return inflated ? excStringShape(inflated.toString("utf8")) : `<not base64 zlib: ${value}>`;
  }
  if (field === "worker_name" && /^[0-9a-f]{32}$/.test(value)) return "<worker>";
  return normaliseText(value);
}

function sortedObject<T>(entries: Array<[string, T]>): Record<string, T> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

async function dumpHash(redis: Redis, key: string): Promise<Record<string, unknown>> {
  const raw = await redis.hgetallBuffer(key);
  const isJob = /^rq:job:[^:]+$/.test(key);
  const isWorker = key.startsWith("rq:worker:");
  return sortedObject(
    Object.entries(raw).map(([field, value]): [string, unknown] => {
      if (isJob) return [field, jobField(field, value)];
      if (isWorker) return [field, workerField(field, value.toString("utf8"))];
      return [field, normaliseText(value.toString("utf8"))];
    }),
  );
}

/** Dumps and normalises every key of the database `redis` is connected to. */
export async function goldenDump(redis: Redis, options: DumpOptions): Promise<GoldenDump> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const names: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "COUNT", 1000);
    names.push(...batch.filter((key) => !options.omit?.test(key)));
    cursor = next;
  } while (cursor !== "0");

  const dump: Array<[string, GoldenKey]> = [];
  for (const key of names) {
    const [type, rawTtl] = await Promise.all([redis.type(key), redis.ttl(key)]);
    const ttl = normaliseTtl(rawTtl, options);
    let entry: GoldenKey;
    switch (type) {
      case "string":
        entry = { type, ttl, value: normaliseText((await redis.get(key)) ?? "") };
        break;
      case "hash":
        entry = { type, ttl, fields: await dumpHash(redis, key) };
        break;
      case "list":
        entry = { type, ttl, items: (await redis.lrange(key, 0, -1)).map(normaliseText) };
        break;
      case "set":
        entry = { type, ttl, members: (await redis.smembers(key)).map(normaliseText).sort() };
        break;
      case "zset": {
        const flat = await redis.zrange(key, "0", "-1", "WITHSCORES");
        const members: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) members[normaliseText(flat[i]!)] = normaliseScore(flat[i + 1]!, now, options);
        entry = { type, ttl, members };
        break;
      }
      case "stream": {
        const raw = (await redis.xrange(key, "-", "+")) as Array<[string, string[]]>;
        const entries = raw.map(([, flat]) => {
          const fields: Record<string, unknown> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = resultField(flat[i]!, flat[i + 1]!);
          return { id: "<id>", fields };
        });
        entry = { type, ttl, entries };
        break;
      }
      default:
        throw new Error(`goldenDump: key ${key} has type ${type}, which RQ never writes`);
    }
    dump.push([normaliseText(key), entry]);
  }
  return sortedObject(dump);
}

/** The keys of `dump` whose names match `pattern`: one part of a database, to compare on its own. */
export function selectKeys(dump: GoldenDump, pattern: RegExp): GoldenDump {
  return Object.fromEntries(Object.entries(dump).filter(([key]) => pattern.test(key)));
}

/** Each key's type and TTL: what a database holds, without the contents. */
export function shapeOf(dump: GoldenDump): Record<string, { type: GoldenKey["type"]; ttl: number }> {
  return Object.fromEntries(Object.entries(dump).map(([key, entry]) => [key, { type: entry.type, ttl: entry.ttl }]));
}
