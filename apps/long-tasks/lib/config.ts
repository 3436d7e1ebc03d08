/**
 * The app's settings, read from environment variables once per process. The web app and the worker
 * read the same variables, so one shell line configures both.
 */
import { ConfigError } from "./errors";

/** `demo`: pages come from the local fixture pages server only. `production`: public web pages. */
export type Mode = "demo" | "production";

export interface LongTasksConfig {
  /** `REDIS_URL`. @defaultValue `redis://127.0.0.1:6379` */
  redisUrl: string;
  /** `LONG_TASKS_MODE`. @defaultValue `"demo"` (nothing leaves the machine unless asked) */
  mode: Mode;
  /**
   * `LONG_TASKS_PAGES_URL`: the origin of the fixture pages server (`npm run pages` prints it). In demo
   * mode it is the only host the word counter may read; without it, word counts are refused.
   * @defaultValue none
   */
  pagesUrl: string | undefined;
  /**
   * `LONG_TASKS_UNIT_MS`: one step of the short/medium/long tasks (10/20/30 steps), in milliseconds.
   * @defaultValue 1000 (the original's 10/20/30 seconds)
   */
  unitMs: number;
  /** `LONG_TASKS_QUEUE`: the queue the app enqueues to and its worker listens on. @defaultValue `"long-tasks"` */
  queueName: string;
  /** `LONG_TASKS_CONCURRENCY`: jobs one worker process runs at once. @defaultValue 4 */
  concurrency: number;
  /** `LONG_TASKS_DASHBOARD_URL`: where the page's dashboard link points. @defaultValue none (no link) */
  dashboardUrl: string | undefined;
  /**
   * `LONG_TASKS_BASIC_AUTH` as `user:password`: when set, every page and route asks for HTTP Basic auth.
   * @defaultValue none (open: fine on 127.0.0.1, set it anywhere else)
   */
  basicAuth: { user: string; password: string } | undefined;
  /**
   * `LONG_TASKS_ALLOWED_HOSTS`, production mode: a comma-separated list of host names the word counter
   * may read (`.example.org` also allows its subdomains). Private, loopback and link-local addresses are
   * refused whatever the list says. @defaultValue none (any public host)
   */
  allowedHosts: readonly string[] | undefined;
}

/** Environment variables by name (process.env, or a plain object in tests). */
export type Environment = Readonly<Record<string, string | undefined>>;

const MODES: readonly Mode[] = ["demo", "production"];
const MAX_UNIT_MS = 60_000;

/** Reads and checks every setting; throws `ConfigError` naming the variable and what it accepts. */
export function readConfig(env: Environment = process.env): LongTasksConfig {
  const mode = (env.LONG_TASKS_MODE ?? "demo") as Mode;
  if (!MODES.includes(mode)) throw new ConfigError("LONG_TASKS_MODE", `must be "demo" or "production", got "${mode}"`);
  return {
    redisUrl: env.REDIS_URL || "redis://127.0.0.1:6379",
    mode,
    pagesUrl: optionalOrigin(env, "LONG_TASKS_PAGES_URL"),
    unitMs: integer(env, "LONG_TASKS_UNIT_MS", 1000, 1, MAX_UNIT_MS),
    queueName: queueName(env.LONG_TASKS_QUEUE ?? "long-tasks"),
    concurrency: integer(env, "LONG_TASKS_CONCURRENCY", 4, 1, 100),
    dashboardUrl: optionalOrigin(env, "LONG_TASKS_DASHBOARD_URL", { keepPath: true }),
    basicAuth: basicAuth(env.LONG_TASKS_BASIC_AUTH),
    allowedHosts: allowedHosts(env.LONG_TASKS_ALLOWED_HOSTS),
  };
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

function optionalOrigin(env: Environment, variable: string, options: { keepPath?: boolean } = {}): string | undefined {
  const text = env[variable];
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(variable, `must be an http:// or https:// URL such as http://127.0.0.1:4000, got "${text}"`);
  }
  return options.keepPath ? url.href : url.origin;
}

function queueName(name: string): string {
  if (!/^[\w.-]{1,100}$/.test(name)) {
    throw new ConfigError("LONG_TASKS_QUEUE", `must be 1 to 100 letters, digits, "_", "-" or ".", got "${name}"`);
  }
  return name;
}

function basicAuth(text: string | undefined): LongTasksConfig["basicAuth"] {
  if (!text) return undefined;
  const colon = text.indexOf(":");
  if (colon <= 0 || colon === text.length - 1) {
    throw new ConfigError("LONG_TASKS_BASIC_AUTH", 'must be "user:password" with both parts non-empty');
  }
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

function allowedHosts(text: string | undefined): readonly string[] | undefined {
  if (!text) return undefined;
  const hosts = text.split(",").map((host) => host.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((host) => !/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host));
  if (bad !== undefined) {
    throw new ConfigError("LONG_TASKS_ALLOWED_HOSTS", `"${bad}" is not a host name (use names such as "example.org" or ".example.org")`);
  }
  return hosts;
}
