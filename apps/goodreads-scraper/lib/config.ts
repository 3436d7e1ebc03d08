/**
 * The app's settings, read from environment variables. The web app and the worker read the same
 * variables, so one shell line configures both.
 */
import { toMilliseconds } from "@rqts/queue";
import { ConfigError } from "./errors";

/** `demo`: only the local fixture bookshelf. `production`: the sites listed in `GOODREADS_SCRAPER_ALLOWED_SITES`. */
export type Mode = "demo" | "production";

/** At most `max` page requests per `durationMs` to one host, across every worker. */
export interface RateLimit {
  max: number;
  durationMs: number;
}

/** Every setting, checked; the web app and the worker read the same ones. */
export interface ScraperConfig {
  /** `REDIS_URL`. @defaultValue `redis://127.0.0.1:6379` */
  redisUrl: string;
  /** `GOODREADS_SCRAPER_MODE`. @defaultValue `"demo"` (nothing leaves the machine unless asked) */
  mode: Mode;
  /**
   * The origins whose book pages may be scraped: in demo mode `GOODREADS_SCRAPER_BOOKSHELF_URL` (the
   * fixture bookshelf `npm run bookshelf` starts), in production mode `GOODREADS_SCRAPER_ALLOWED_SITES`
   * (comma-separated, e.g. `https://books.example.org`). Anything else is refused before it is enqueued.
   * @defaultValue none: every URL is refused, saying which variable to set
   */
  allowedOrigins: readonly string[];
  /**
   * `GOODREADS_SCRAPER_NAMESPACE`: the prefix of the app's queue names and Redis keys, so two
   * deployments (or two tests) can share one Redis. @defaultValue `"goodreads-scraper"`
   */
  namespace: string;
  /**
   * `GOODREADS_SCRAPER_RATE_LIMIT` as `<max>/<duration>`, e.g. `1/1s` or `30/1m`: page jobs started per
   * host, across every worker (a queue per host carries the library's rate limit).
   * @defaultValue `1/1s`, one request a second per host, the usual polite crawl rate
   */
  rateLimit: RateLimit;
  /**
   * `GOODREADS_SCRAPER_USER_AGENT`: how the scraper introduces itself to sites, and the name it looks
   * for in robots.txt. @defaultValue `rqts-goodreads-scraper/0.1 (+https://github.com/rqts/rqts; example scraper)`
   */
  userAgent: string;
  /** `GOODREADS_SCRAPER_FETCH_TIMEOUT_MS`: give up on one request (robots.txt or a page) after this long. @defaultValue 10000 */
  fetchTimeoutMs: number;
  /** `GOODREADS_SCRAPER_RETRIES`: retries of a page whose fetch failed for a passing reason (timeout, 5xx, 429). @defaultValue 3 */
  retries: number;
  /**
   * `GOODREADS_SCRAPER_RETRY_DELAY`: seconds before the first retry; each further one waits twice as
   * long (with jitter). 0 retries at once. @defaultValue 5 (5 s, 10 s, 20 s)
   */
  retryDelaySeconds: number;
  /** `GOODREADS_SCRAPER_CONCURRENCY`: jobs one worker process runs at once. @defaultValue 4 */
  concurrency: number;
  /** `GOODREADS_SCRAPER_DASHBOARD_URL`: where the page's dashboard link points. @defaultValue none (no link) */
  dashboardUrl: string | undefined;
  /**
   * `GOODREADS_SCRAPER_BASIC_AUTH` as `user:password`: when set, every page and route asks for HTTP Basic
   * auth. @defaultValue none (open: fine on 127.0.0.1, set it anywhere else)
   */
  basicAuth: { user: string; password: string } | undefined;
}

/** Environment variables by name (process.env, or a plain object in tests). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The scraper's default user agent: a name sites can find in their logs and in robots.txt, and where to read about it. */
export const DEFAULT_USER_AGENT = "rqts-goodreads-scraper/0.1 (+https://github.com/rqts/rqts; example scraper)";

/** Reads and checks every setting; throws `ConfigError` naming the variable and what it accepts. */
export function readConfig(env: Environment = process.env): ScraperConfig {
  const mode = (env.GOODREADS_SCRAPER_MODE || "demo") as Mode;
  if (mode !== "demo" && mode !== "production") {
    throw new ConfigError("GOODREADS_SCRAPER_MODE", `must be "demo" or "production", got "${mode}"`);
  }
  const sites = sitesVariable(mode);
  return {
    redisUrl: env.REDIS_URL || "redis://127.0.0.1:6379",
    mode,
    allowedOrigins: origins(sites, env[sites], mode === "demo" ? 1 : 50),
    namespace: namespace(env.GOODREADS_SCRAPER_NAMESPACE || "goodreads-scraper"),
    rateLimit: rateLimit(env.GOODREADS_SCRAPER_RATE_LIMIT || "1/1s"),
    userAgent: userAgent(env.GOODREADS_SCRAPER_USER_AGENT || DEFAULT_USER_AGENT),
    fetchTimeoutMs: integer(env, "GOODREADS_SCRAPER_FETCH_TIMEOUT_MS", 10_000, 100, 120_000),
    retries: integer(env, "GOODREADS_SCRAPER_RETRIES", 3, 0, 10),
    retryDelaySeconds: integer(env, "GOODREADS_SCRAPER_RETRY_DELAY", 5, 0, 3600),
    concurrency: integer(env, "GOODREADS_SCRAPER_CONCURRENCY", 4, 1, 100),
    dashboardUrl: dashboardUrl(env.GOODREADS_SCRAPER_DASHBOARD_URL),
    basicAuth: basicAuth(env.GOODREADS_SCRAPER_BASIC_AUTH),
  };
}

/** The variable that lists the allowed sites in `mode`, for messages that tell the user what to set. */
export function sitesVariable(mode: Mode): string {
  return mode === "demo" ? "GOODREADS_SCRAPER_BOOKSHELF_URL" : "GOODREADS_SCRAPER_ALLOWED_SITES";
}

function integer(env: Environment, variable: string, fallback: number, min: number, max: number): number {
  const text = env[variable];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(variable, `must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function origins(variable: string, text: string | undefined, most: number): readonly string[] {
  if (!text) return [];
  const list = text.split(",").map((entry) => entry.trim()).filter(Boolean);
  if (list.length > most) throw new ConfigError(variable, `takes at most ${most} origin(s), got ${list.length}`);
  return [
    ...new Set(
      list.map((entry) => {
        const url = URL.canParse(entry) ? new URL(entry) : undefined;
        if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) {
          throw new ConfigError(variable, `"${entry}" is not an http:// or https:// origin such as https://books.example.org or http://127.0.0.1:4000`);
        }
        return url.origin;
      }),
    ),
  ];
}

function namespace(name: string): string {
  // It becomes part of queue names, which may not hold ":" (RQ's keys are rq:queue:{name}).
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/i.test(name)) {
    throw new ConfigError("GOODREADS_SCRAPER_NAMESPACE", `must be 1 to 40 letters, digits, "_" or "-" (starting with a letter or digit), got "${name}"`);
  }
  return name;
}

function rateLimit(text: string): RateLimit {
  const [maxText = "", durationText = ""] = text.split("/");
  const max = Number(maxText);
  let durationMs = Number.NaN;
  try {
    durationMs = toMilliseconds(durationText.trim(), "GOODREADS_SCRAPER_RATE_LIMIT");
  } catch {
    // reported below, with the format
  }
  if (!Number.isInteger(max) || max < 1 || max > 10_000 || !(durationMs >= 10 && durationMs <= 86_400_000)) {
    throw new ConfigError("GOODREADS_SCRAPER_RATE_LIMIT", `must be <requests>/<duration> such as 1/1s or 30/1m (1 to 10000 requests per 10 ms to 1 d), got "${text}"`);
  }
  return { max, durationMs };
}

function userAgent(text: string): string {
  // A header value: printable ASCII only, so it can neither break the request nor impersonate a browser by accident.
  if (!/^[\x20-\x7e]{3,200}$/.test(text)) {
    throw new ConfigError("GOODREADS_SCRAPER_USER_AGENT", "must be 3 to 200 printable ASCII characters, such as my-scraper/1.0 (+https://example.org/bot)");
  }
  return text;
}

function dashboardUrl(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError("GOODREADS_SCRAPER_DASHBOARD_URL", `must be an http:// or https:// URL, got "${text}"`);
  }
  return url.href;
}

function basicAuth(text: string | undefined): ScraperConfig["basicAuth"] {
  if (!text) return undefined;
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) {
    throw new ConfigError("GOODREADS_SCRAPER_BASIC_AUTH", 'must be "user:password" with both parts non-empty');
  }
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}
