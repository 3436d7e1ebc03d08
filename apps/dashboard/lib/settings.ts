/**
 * The dashboard's settings, read from environment variables (all at run time, except the URL prefix,
 * which Next.js bakes in at build time: see lib/base-path.ts). `readSettings` checks every value and
 * throws `ConfigError` naming the variable; the proxy turns that into a 503 that says what to fix.
 */
import { ConfigError } from "./errors";

/** Environment variables by name (`process.env`, or a plain object in tests). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One Redis the dashboard can show; the UI switches between them by `index` (the first path segment). */
export interface RedisInstance {
  index: number;
  url: string;
  /** The URL with any password replaced by `***`: what pages and errors show. */
  label: string;
}

/** Who may use the dashboard. Either or both kinds may be configured. */
export interface Credentials {
  /** `DASHBOARD_USER` + `DASHBOARD_PASSWORD`: HTTP Basic, what a browser asks for. */
  basic: { user: string; password: string } | undefined;
  /**
   * `DASHBOARD_TOKEN`: sent as `Authorization: Bearer <token>` by scripts, or typed into the
   * browser's sign-in prompt as the password (any user name).
   */
  token: string | undefined;
}

export interface DashboardSettings {
  /**
   * `DASHBOARD_REDIS_URLS` (comma-separated), else `REDIS_URL`.
   * @defaultValue one instance, `redis://127.0.0.1:6379`
   */
  redis: readonly RedisInstance[];
  /**
   * `undefined` when no credentials are configured: then anyone who can reach the dashboard may read
   * it, and it is read-only.
   */
  credentials: Credentials | undefined;
  /**
   * Whether actions are hidden and refused: `DASHBOARD_READ_ONLY=1`, or no credentials configured.
   * @defaultValue true without credentials, false with them
   */
  readOnly: boolean;
  /** Why the dashboard is read-only, for the banner that says so. */
  readOnlyReason: string | undefined;
  /** `DASHBOARD_POLL_MS`: how often live pages refresh, 500 to 60,000 ms. @defaultValue 2500 (rq-dashboard's) */
  pollMs: number;
  /**
   * `DASHBOARD_SECRET`: the key CSRF tokens are signed with, at least 32 characters. Set it when
   * several dashboard processes serve one site, so a token issued by one is accepted by the others.
   * @defaultValue a random key per process
   */
  secret: string | undefined;
}

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";
export const DEFAULT_POLL_MS = 2500;
const MIN_TOKEN_LENGTH = 16;
const MIN_SECRET_LENGTH = 32;

/** Reads and checks every run-time setting; throws `ConfigError` naming the variable and what it accepts. */
export function readSettings(env: Environment = process.env): DashboardSettings {
  const credentials = readCredentials(env);
  const readOnlyFlag = flag(env, "DASHBOARD_READ_ONLY");
  const readOnlyReason = readOnlyFlag
    ? "DASHBOARD_READ_ONLY is set"
    : credentials
      ? undefined
      : "no credentials are configured (set DASHBOARD_USER and DASHBOARD_PASSWORD, or DASHBOARD_TOKEN)";
  const secret = env.DASHBOARD_SECRET || undefined;
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError("DASHBOARD_SECRET", `must be at least ${MIN_SECRET_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
  }
  return {
    redis: readRedisInstances(env),
    credentials,
    readOnly: readOnlyReason !== undefined,
    readOnlyReason,
    pollMs: integer(env, "DASHBOARD_POLL_MS", DEFAULT_POLL_MS, 500, 60_000),
    secret,
  };
}

/** Replaces the password of a Redis URL with `***`, so no page or log shows it. */
export function redactRedisUrl(url: string): string {
  if (!URL.canParse(url)) return "(an unparsable URL)";
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return parsed.toString();
}

function readRedisInstances(env: Environment): RedisInstance[] {
  const list = env.DASHBOARD_REDIS_URLS?.trim();
  const variable = list ? "DASHBOARD_REDIS_URLS" : "REDIS_URL";
  const urls = list ? list.split(",").map((url) => url.trim()) : [env.REDIS_URL?.trim() || DEFAULT_REDIS_URL];
  return urls.map((url, index) => {
    if (!URL.canParse(url) || !["redis:", "rediss:"].includes(new URL(url).protocol)) {
      const where = list ? ` (entry ${index + 1}: "${redactRedisUrl(url)}")` : "";
      throw new ConfigError(variable, `must hold redis:// or rediss:// URLs, comma-separated${where}, e.g. redis://127.0.0.1:6379/0`);
    }
    return { index, url, label: redactRedisUrl(url) };
  });
}

function readCredentials(env: Environment): Credentials | undefined {
  const user = env.DASHBOARD_USER || undefined;
  const password = env.DASHBOARD_PASSWORD || undefined;
  if ((user === undefined) !== (password === undefined)) {
    const missing = user === undefined ? "DASHBOARD_USER" : "DASHBOARD_PASSWORD";
    throw new ConfigError(missing, "must be set too: HTTP Basic auth needs both DASHBOARD_USER and DASHBOARD_PASSWORD");
  }
  if (user?.includes(":")) throw new ConfigError("DASHBOARD_USER", "must not contain a colon (HTTP Basic separates user and password with one)");
  const token = env.DASHBOARD_TOKEN || undefined;
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError("DASHBOARD_TOKEN", `must be at least ${MIN_TOKEN_LENGTH} characters (e.g. \`openssl rand -hex 32\`)`);
  }
  if (user === undefined && token === undefined) return undefined;
  return { basic: user && password ? { user, password } : undefined, token };
}

const TRUE = new Set(["1", "true", "yes", "on"]);
const FALSE = new Set(["", "0", "false", "no", "off"]);

function flag(env: Environment, name: string): boolean {
  const value = (env[name] ?? "").trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ConfigError(name, `must be 1/true/yes/on or 0/false/no/off, got "${env[name]}"`);
}

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const text = env[name]?.trim();
  if (!text) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
