/**
 * The app's settings, read from environment variables. The worker, the CLI and the web app read the
 * same variables, so one shell line configures all three.
 */
import { toMilliseconds } from "@rqts/queue";
import { ConfigError } from "./errors";

export interface RateLimit {
  max: number;
  durationMs: number;
}

export interface MarsRoverConfig {
  /** `REDIS_URL`. @defaultValue `redis://127.0.0.1:6379` */
  redisUrl: string;
  /**
   * `NASA_API_URL`: the base of the Mars Rover Photos API — the part before `/api/v1/…`. NASA archived
   * the service in 2025: point it at the fake (`npm run nasa`) or a server with the original API's shape.
   * @defaultValue `https://api.nasa.gov/mars-photos`
   */
  nasaUrl: string;
  /** `NASA_API_KEY`, sent as `api_key`. @defaultValue `DEMO_KEY` */
  nasaKey: string;
  /**
   * `MARS_ROVER_IMAGE_HOSTS`: comma-separated host names photos may be downloaded from, besides the
   * API's own host (a leading dot allows subdomains). @defaultValue `.nasa.gov` (where NASA kept the images)
   */
  imageHosts: readonly string[];
  /**
   * `MARS_ROVER_QUEUE_PREFIX`: the app's two queues are `{prefix}-api` (calls to NASA's API, rate-limited)
   * and `{prefix}-photos` (photo downloads and the per-sol summaries). @defaultValue `mars-rover`
   */
  queuePrefix: string;
  /**
   * `MARS_ROVER_API_RATE_LIMIT`: at most this many API jobs start per window, across every worker,
   * written `max/duration` (`30/1h`, `4/10s`), or `off`. @defaultValue `1000/1h` (api.nasa.gov's limit for a registered key)
   */
  apiRateLimit: RateLimit | null;
  /** `MARS_ROVER_MAX_RETRIES`: how often a job is tried again after a 429, a 5xx or a network error. @defaultValue 4 */
  maxRetries: number;
  /**
   * `MARS_ROVER_RETRY_DELAY`: the first wait before a retry; each next one doubles (exponential backoff),
   * at most 5 minutes. Whole seconds, as RQ schedules retries. @defaultValue `2s`
   */
  retryDelayMs: number;
  /** `MARS_ROVER_API_CONCURRENCY`: API jobs one worker process runs at once. @defaultValue 2 */
  apiConcurrency: number;
  /** `MARS_ROVER_PHOTO_CONCURRENCY`: photo and summary jobs one worker process runs at once. @defaultValue 4 */
  photoConcurrency: number;
  /** `MARS_ROVER_HTTP_TIMEOUT`: how long one HTTP request (API call or download) may take. @defaultValue `30s` */
  httpTimeoutMs: number;
  /** `MARS_ROVER_MAX_IMAGE_BYTES`: the largest photo downloaded. @defaultValue 20 MB (NASA's full-size JPEGs are 1–2 MB) */
  maxImageBytes: number;
  /**
   * `MARS_ROVER_BASIC_AUTH` as `user:password`: when set, every page and route asks for HTTP Basic auth.
   * @defaultValue none (open: fine on 127.0.0.1, set it anywhere else)
   */
  basicAuth: { user: string; password: string } | undefined;
}

/** Environment variables by name (process.env, or a plain object in tests). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The base URL NASA published; the service behind it was archived in 2025. */
export const NASA_PUBLIC_URL = "https://api.nasa.gov/mars-photos";

/** Reads and checks every setting; throws `ConfigError` naming the variable and what it accepts. */
export function readConfig(env: Environment = process.env): MarsRoverConfig {
  return {
    redisUrl: env.REDIS_URL || "redis://127.0.0.1:6379",
    nasaUrl: baseUrl(env, "NASA_API_URL", NASA_PUBLIC_URL),
    nasaKey: apiKey(env.NASA_API_KEY),
    imageHosts: hostList(env, "MARS_ROVER_IMAGE_HOSTS", [".nasa.gov"]),
    queuePrefix: queuePrefix(env.MARS_ROVER_QUEUE_PREFIX ?? "mars-rover"),
    apiRateLimit: rateLimit(env.MARS_ROVER_API_RATE_LIMIT ?? "1000/1h"),
    maxRetries: integer(env, "MARS_ROVER_MAX_RETRIES", 4, 0, 20),
    retryDelayMs: duration(env, "MARS_ROVER_RETRY_DELAY", "2s", 1_000, 3_600_000),
    apiConcurrency: integer(env, "MARS_ROVER_API_CONCURRENCY", 2, 1, 50),
    photoConcurrency: integer(env, "MARS_ROVER_PHOTO_CONCURRENCY", 4, 1, 100),
    httpTimeoutMs: duration(env, "MARS_ROVER_HTTP_TIMEOUT", "30s", 100, 600_000),
    maxImageBytes: integer(env, "MARS_ROVER_MAX_IMAGE_BYTES", 20_000_000, 1_000, 500_000_000),
    basicAuth: basicAuth(env.MARS_ROVER_BASIC_AUTH),
  };
}

function integer(env: Environment, variable: string, fallback: number, min: number, max: number): number {
  const text = env[variable];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new ConfigError(variable, `must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function duration(env: Environment, variable: string, fallback: string, minMs: number, maxMs: number): number {
  const text = env[variable] || fallback;
  const ms = parseDuration(text);
  if (ms === undefined || ms < minMs || ms > maxMs) {
    throw new ConfigError(variable, `must be a duration from ${minMs / 1000} s to ${maxMs / 1000} s with a unit, such as "2s" or "1m"; got "${text}"`);
  }
  return ms;
}

/** "90s", "5m", "1h", "250ms" → milliseconds; a number without a unit is not accepted (seconds or ms?). */
export function parseDuration(text: string): number | undefined {
  if (!/^\s*\d+(\.\d+)?\s*(ms|s|m|h|d|w)\s*$/i.test(text)) return undefined;
  return toMilliseconds(text);
}

function baseUrl(env: Environment, variable: string, fallback: string): string {
  const text = env[variable] || fallback;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(variable, `must be an http:// or https:// URL without query or credentials, such as ${fallback}; got "${text}"`);
  }
  return url.href.replace(/\/+$/, "");
}

function apiKey(text: string | undefined): string {
  const key = text || "DEMO_KEY";
  if (!/^[\w-]{1,128}$/.test(key)) throw new ConfigError("NASA_API_KEY", "must be 1 to 128 letters, digits, '_' or '-' (keys from api.nasa.gov are)");
  return key;
}

function hostList(env: Environment, variable: string, fallback: string[]): readonly string[] {
  const text = env[variable];
  if (text === undefined) return fallback;
  const hosts = text.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((host) => !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host));
  if (bad !== undefined) throw new ConfigError(variable, `"${bad}" is not a host name (use names such as "mars.nasa.gov" or ".nasa.gov")`);
  return hosts;
}

function queuePrefix(text: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,60}$/i.test(text)) {
    throw new ConfigError("MARS_ROVER_QUEUE_PREFIX", `must be 1 to 61 letters, digits or "-", starting with a letter or digit; got "${text}"`);
  }
  return text;
}

/** `max/duration` (`30/1h`), or `off`. */
export function rateLimit(text: string): RateLimit | null {
  if (text.trim().toLowerCase() === "off") return null;
  const match = /^\s*(\d+)\s*\/\s*(\S+)\s*$/.exec(text);
  const max = Number(match?.[1]);
  const durationMs = match ? parseDuration(match[2]!) : undefined;
  if (!match || !(max >= 1) || durationMs === undefined || durationMs < 1) {
    throw new ConfigError("MARS_ROVER_API_RATE_LIMIT", `must be "max/duration" such as "30/1h" or "4/10s", or "off"; got "${text}"`);
  }
  return { max, durationMs };
}

function basicAuth(text: string | undefined): MarsRoverConfig["basicAuth"] {
  if (!text) return undefined;
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) throw new ConfigError("MARS_ROVER_BASIC_AUTH", 'must be "user:password" with both parts non-empty');
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

/** `at most 1000 API calls per 1 h`, or `no rate limit`: how the worker and the page describe it. */
export function describeRateLimit(limit: RateLimit | null): string {
  if (!limit) return "no rate limit";
  const units: Array<[number, string]> = [[3_600_000, "h"], [60_000, "min"], [1000, "s"]];
  const [size, unit] = units.find(([ms]) => limit.durationMs % ms === 0) ?? [1, "ms"];
  return `at most ${limit.max} API calls per ${limit.durationMs / size} ${unit}`;
}
