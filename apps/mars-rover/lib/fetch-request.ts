/**
 * What to fetch and when, as the CLI (`npm run fetch -- --rover curiosity --sols 1000..1009 --in 30s`)
 * and the web form (`POST /fetches`) say it. Both go through these parsers, so they accept the same
 * things and refuse the rest with the same messages.
 */
import { parseDuration } from "./config";
import { InvalidInputError } from "./errors";
import { parseCamera, parseRover, parseSol, shown, type RoverInfo } from "./rovers";

/** When the fetch jobs run: now, after a delay, or at an instant (UTC, or with an explicit offset). */
export type When = { kind: "now" } | { kind: "in"; delayMs: number } | { kind: "at"; date: Date };

export interface FetchRequest {
  rover: RoverInfo;
  /** `null`: every camera. */
  camera: string | null;
  /** Each gets its own fetch job, in this order. */
  sols: number[];
  when: When;
}

/** Sols in one request at most: 100 fetch jobs, each fanning out dozens of photo jobs. */
export const MAX_SOLS_PER_REQUEST = 100;
/** The furthest ahead a fetch can be scheduled: ten years catches a mistyped year, not a real plan. */
export const MAX_SCHEDULE_AHEAD_MS = 3653 * 24 * 3600_000;

/** The raw fields, as strings (or missing). */
export interface FetchRequestInput {
  rover?: unknown;
  camera?: unknown;
  sols?: unknown;
  in?: unknown;
  at?: unknown;
}

/** Reads and checks a whole request; throws `InvalidInputError` naming the field at fault. */
export function parseFetchRequest(input: FetchRequestInput, now: Date = new Date()): FetchRequest {
  const rover = parseRover(input.rover);
  return { rover, camera: parseCamera(rover, input.camera), sols: parseSols(input.sols), when: parseWhen(input.in, input.at, now) };
}

/** `1000`, `1000..1009`, `1000,1003,1005..1007` → the sols, each once, in the order given. */
export function parseSols(input: unknown): number[] {
  const text = typeof input === "string" ? input.trim() : "";
  if (text === "") throw new InvalidInputError("sols", "sols: give a sol (1000), a range (1000..1009) or a list (1000,1003,1005..1007)");
  const sols = new Set<number>();
  for (const part of text.split(",")) {
    const range = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/.exec(part);
    const [from, to] = range ? [parseSol(range[1], "sols"), parseSol(range[2], "sols")] : [parseSol(part, "sols"), undefined];
    if (to !== undefined && to < from) throw new InvalidInputError("sols", `sols: the range ${from}..${to} runs backwards; write ${to}..${from}`);
    for (let sol = from; sol <= (to ?? from); sol++) {
      sols.add(sol);
      if (sols.size > MAX_SOLS_PER_REQUEST) throw new InvalidInputError("sols", `sols: at most ${MAX_SOLS_PER_REQUEST} sols per request; got more in ${shown(text)}`);
    }
  }
  return [...sols];
}

/** `in` (a delay: `30s`, `10m`, or bare seconds) or `at` (an ISO 8601 instant), not both; neither: now. */
export function parseWhen(delay: unknown, at: unknown, now: Date = new Date()): When {
  const given = (value: unknown) => value !== undefined && value !== null && value !== "";
  if (given(delay) && given(at)) throw new InvalidInputError("in", "give either in (a delay) or at (a time), not both");
  if (given(delay)) return { kind: "in", delayMs: parseDelay(delay) };
  if (given(at)) return { kind: "at", date: parseInstant(at, now) };
  return { kind: "now" };
}

/** `30s`, `10m`, `2h`, or a bare number of seconds (as `rqts enqueue --in`): at least 1 s, at most ten years. */
export function parseDelay(input: unknown): number {
  const text = typeof input === "string" ? input.trim() : typeof input === "number" ? String(input) : "";
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (ms === undefined || ms < 1000 || ms > MAX_SCHEDULE_AHEAD_MS) {
    throw new InvalidInputError("in", `in: a delay from 1 s to ten years, such as 30s, 10m or 2h; got ${shown(input)}`);
  }
  return ms;
}

/**
 * An ISO 8601 instant with its offset — `2030-01-31T09:00:00Z` or `…+01:00` — in the future, within
 * ten years. A time without an offset is refused: whose clock would it be? (rq-scheduler's lesson: UTC everywhere.)
 */
export function parseInstant(input: unknown, now: Date = new Date()): Date {
  const text = typeof input === "string" ? input.trim() : "";
  const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/i.test(text);
  const date = withOffset ? new Date(text) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new InvalidInputError("at", `at: an ISO 8601 time with its offset, such as 2030-01-31T09:00:00Z (UTC) or 2030-01-31T10:00:00+01:00; got ${shown(input)}`);
  }
  if (date.getTime() <= now.getTime()) throw new InvalidInputError("at", `at: ${isoSeconds(date)} is in the past (it is ${isoSeconds(now)} now)`);
  if (date.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw new InvalidInputError("at", `at: ${isoSeconds(date)} is more than ten years ahead`);
  return date;
}

/** `2030-01-31T09:00:00Z`: ISO 8601 UTC without milliseconds (scheduled times are whole seconds). */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
