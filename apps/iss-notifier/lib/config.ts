/**
 * The app's settings, from environment variables; the web app and the worker read the same ones.
 * Demo mode (the default) talks to a local fake Twilio; production mode to Twilio itself.
 */
import { ConfigError } from "./errors";

/** `demo`: SMS go to the fake Twilio at ISS_TWILIO_URL. `production`: to api.twilio.com. */
export type Mode = "demo" | "production";

export interface IssConfig {
  /** `REDIS_URL`. @defaultValue `redis://127.0.0.1:6379` */
  redisUrl: string;
  /** `ISS_MODE`. @defaultValue `"demo"` (no SMS leaves the machine unless asked) */
  mode: Mode;
  /** `ISS_QUEUE`: the queue for every job of the app. @defaultValue `"iss-notifier"` */
  queueName: string;
  /** `ISS_TWILIO_URL`: the fake Twilio's origin; required in demo mode, ignored in production. */
  twilioUrl: string | undefined;
  /** `TWILIO_ACCOUNT_SID` ("AC" + 32 hex digits). Required. */
  accountSid: string;
  /** `TWILIO_AUTH_TOKEN`: authenticates API calls and checks inbound webhook signatures. Required. */
  authToken: string;
  /** `TWILIO_FROM` (E.164 or a sender id) or `TWILIO_MESSAGING_SERVICE_SID` ("MG…"): who sends. One is required. */
  sender: { from: string } | { messagingServiceSid: string };
  /**
   * `ISS_TLE_URL`: where the daily job fetches a fresh ISS TLE (plain text, 2 or 3 lines).
   * @defaultValue none: the bundled TLE (or the last one fetched) is used and the refresh job says so
   */
  tleUrl: string | undefined;
  /**
   * `ISS_PUBLIC_URL`: the origin Twilio calls for inbound SMS, as configured in the Twilio console. The
   * signature covers the full URL, so behind a proxy it must be the public one.
   * @defaultValue the origin of the request as the server received it
   */
  publicUrl: string | undefined;
}

export type Environment = Readonly<Record<string, string | undefined>>;

/** Reads and checks every setting; throws `ConfigError` naming the variable and what it accepts. */
export function readConfig(env: Environment = process.env): IssConfig {
  const mode = env.ISS_MODE || "demo";
  if (mode !== "demo" && mode !== "production") throw new ConfigError("ISS_MODE", `must be "demo" or "production", got "${mode}"`);
  const twilioUrl = optionalUrl(env, "ISS_TWILIO_URL");
  if (mode === "demo" && !twilioUrl) throw new ConfigError("ISS_TWILIO_URL", "is required in demo mode: the fake Twilio's origin, e.g. http://127.0.0.1:4010 (`npm run demo` sets it)");
  return {
    redisUrl: env.REDIS_URL || "redis://127.0.0.1:6379",
    mode,
    queueName: queueName(env.ISS_QUEUE || "iss-notifier"),
    twilioUrl: mode === "demo" ? twilioUrl : undefined,
    accountSid: required(env, "TWILIO_ACCOUNT_SID", /^AC[0-9a-f]{32}$/, '"AC" followed by 32 hex digits'),
    authToken: required(env, "TWILIO_AUTH_TOKEN", /^\S{8,}$/, "the account's auth token"),
    sender: sender(env),
    tleUrl: optionalUrl(env, "ISS_TLE_URL"),
    publicUrl: optionalUrl(env, "ISS_PUBLIC_URL"),
  };
}

function required(env: Environment, variable: string, pattern: RegExp, accepted: string): string {
  const value = env[variable] ?? "";
  if (!pattern.test(value)) throw new ConfigError(variable, value ? `must be ${accepted}` : `is required: ${accepted}`);
  return value;
}

function sender(env: Environment): IssConfig["sender"] {
  if (env.TWILIO_MESSAGING_SERVICE_SID) {
    return { messagingServiceSid: required(env, "TWILIO_MESSAGING_SERVICE_SID", /^MG[0-9a-f]{32}$/, '"MG" followed by 32 hex digits') };
  }
  return { from: required(env, "TWILIO_FROM", /^(\+[1-9]\d{7,14}|(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11})$/, "an E.164 number such as +15005550006 (or set TWILIO_MESSAGING_SERVICE_SID)") };
}

function optionalUrl(env: Environment, variable: string): string | undefined {
  const text = env[variable];
  if (!text) return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigError(variable, `must be an http:// or https:// URL, got "${text}"`);
  }
  return variable === "ISS_TLE_URL" ? url.href : url.origin;
}

function queueName(name: string): string {
  if (!/^[\w.-]{1,100}$/.test(name)) throw new ConfigError("ISS_QUEUE", `must be 1 to 100 letters, digits, "_", "-" or ".", got "${name}"`);
  return name;
}
