/**
 * Every value a request brings in — path segments, query strings, form fields — is checked here
 * before it reaches Redis. Each parser throws `InvalidInputError` naming the field and what it accepts.
 */
import { JOB_LISTS, type JobListName } from "@rqts/queue";
import { InvalidInputError } from "./errors";
import type { DashboardSettings, RedisInstance } from "./settings";

/** What Next.js hands a page as one query parameter. */
export type QueryValue = string | string[] | undefined;

/** Jobs per page: rq-dashboard's range. */
export const PER_PAGE = { min: 1, max: 200, default: 20 } as const;

/** The per-page choices a job list links to. */
export const PER_PAGE_CHOICES = [10, 20, 50, 100, 200] as const;

const MAX_NAME_LENGTH = 255;
// Control characters (C0, DEL, C1): never in a name someone typed, and they garble logs and terminals.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Only one value per parameter: `?page=1&page=2` is refused rather than guessed at. */
function single(field: string, value: QueryValue): string | undefined {
  if (Array.isArray(value)) throw new InvalidInputError(field, "was given more than once");
  return value;
}

function name(field: string, value: string | undefined, what: string): string {
  if (value === undefined || value === "") throw new InvalidInputError(field, `is missing: give ${what}`);
  if (value.length > MAX_NAME_LENGTH) throw new InvalidInputError(field, `is longer than ${MAX_NAME_LENGTH} characters`);
  if (CONTROL.test(value)) throw new InvalidInputError(field, "contains control characters");
  return value;
}

/** The Redis instance a path's first segment names (`0`, `1`, … in `DASHBOARD_REDIS_URLS` order). */
export function parseInstance(value: string | undefined, settings: DashboardSettings): RedisInstance {
  const index = /^\d{1,3}$/.test(value ?? "") ? Number(value) : Number.NaN;
  const instance = settings.redis[index];
  if (!instance) throw new InvalidInputError("instance", `must be a number from 0 to ${settings.redis.length - 1}, got "${value ?? ""}"`);
  return instance;
}

/**
 * A dynamic path segment as text. Next.js hands pages the segment as it appeared in the URL
 * (percent-encoded), so a queue named `a/b` arrives as `a%2Fb`.
 */
export function pathSegment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new InvalidInputError("path", `has a malformed percent-encoding: "${value}"`);
  }
}

/** A queue name: 1–255 characters, no control characters (RQ allows any other text). */
export function parseQueueName(value: string | undefined, field = "queue"): string {
  return name(field, value, "a queue name");
}

/** A job id: 1–255 characters, no spaces or control characters (RQ's ids are UUIDs; custom ids are allowed). */
export function parseJobId(value: string | undefined, field = "job id"): string {
  const id = name(field, value?.trim(), "a job id");
  if (/\s/.test(id)) throw new InvalidInputError(field, "contains spaces");
  return id;
}

/** `queued` or a registry name. */
export function parseJobList(value: string | undefined, field = "list"): JobListName {
  if (value !== undefined && (JOB_LISTS as readonly string[]).includes(value)) return value as JobListName;
  throw new InvalidInputError(field, `must be one of ${JOB_LISTS.join(", ")}, got "${value ?? ""}"`);
}

function wholeNumber(field: string, value: QueryValue, fallback: number, min: number, max: number): number {
  const text = single(field, value);
  if (text === undefined || text === "") return fallback;
  const number = /^\d{1,10}$/.test(text) ? Number(text) : Number.NaN;
  if (!(number >= min && number <= max)) throw new InvalidInputError(field, `must be a whole number from ${min} to ${max}, got "${text}"`);
  return number;
}

/** The listing a job-list URL asks for. */
export interface ListingQuery {
  /** 1-based. */
  page: number;
  perPage: number;
  order: "oldest" | "newest";
}

/**
 * `?page=&perPage=&order=` of a job list. The default order shows what matters first: the next job to
 * run for `queued` (oldest), the latest for every registry (newest).
 */
export function parseListingQuery(query: Readonly<Record<string, QueryValue>>, list: JobListName): ListingQuery {
  const order = single("order", query.order) ?? (list === "queued" ? "oldest" : "newest");
  if (order !== "oldest" && order !== "newest") throw new InvalidInputError("order", `must be "oldest" or "newest", got "${order}"`);
  return {
    page: wholeNumber("page", query.page, 1, 1, 1_000_000_000),
    perPage: wholeNumber("perPage", query.perPage, PER_PAGE.default, PER_PAGE.min, PER_PAGE.max),
    order,
  };
}

/** A search-box value: a job id, or `undefined` when the box was empty. */
export function parseSearchQuery(value: QueryValue): string | undefined {
  const text = single("id", value)?.trim();
  return text ? parseJobId(text, "id") : undefined;
}

/**
 * Where a form posted without JavaScript returns to: a path inside the dashboard (under `base`, the
 * base path), never another site — `//evil.example` and `/\evil.example` are refused, as browsers
 * treat both as another host. Anything else falls back to the home page.
 */
export function parseReturnPath(value: string | undefined, base = ""): string {
  const home = `${base}/`;
  if (!value || value.length > 2048 || !/^\/(?![/\\])\S*$/.test(value)) return home;
  if (base !== "" && value !== base && !value.startsWith(home)) return home;
  return value;
}
