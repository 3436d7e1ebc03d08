/**
 * Settings from the environment, read and checked once per process. The web app needs Redis, the
 * database and the token secret; only the worker needs SES settings (and, in production, AWS
 * credentials, which the AWS SDK finds by itself and this app never reads).
 *
 * | variable | who | default |
 * |---|---|---|
 * | `REDIS_URL` | both | `redis://127.0.0.1:6379` |
 * | `SES_CONFIRM_DB` | both | `data/users.sqlite` in the working directory |
 * | `SES_CONFIRM_SECRET` | both | none: required, 32 characters or more |
 * | `SES_CONFIRM_QUEUE` | both | `ses-confirm` |
 * | `SES_CONFIRM_RETRY_DELAY` | web (it enqueues) | `2` seconds: the first backoff wait |
 * | `SES_CONFIRM_PUBLIC_URL` | worker (it writes links) | `http://127.0.0.1:3000` |
 * | `SES_CONFIRM_FROM` | worker | `no-reply@example.com` (production: a verified identity) |
 * | `SES_CONFIRM_SES_ENDPOINT` | worker | none: Amazon SES; set it to a local emulator's URL |
 * | `AWS_REGION` | worker | `us-east-1` |
 */
import { resolve } from "node:path";
import { ConfigError } from "./errors";
import { normalizeEmail } from "./email-address";

/** What both processes share. */
export interface SharedConfig {
  redisUrl: string;
  databasePath: string;
  secret: string;
  queueName: string;
}

/** The web app's settings. */
export interface WebConfig extends SharedConfig {
  /** The first wait of the exponential backoff between send attempts, in whole seconds. */
  retryDelaySeconds: number;
}

/** The worker's settings. */
export interface WorkerConfig extends SharedConfig {
  publicUrl: string;
  from: string;
  region: string;
  sesEndpoint?: string;
}

type Env = Record<string, string | undefined>;

/** The shortest secret accepted: an HMAC key should be as long as the hash (32 bytes). */
export const MIN_SECRET_LENGTH = 32;

/** Reads what both processes need. */
export function readSharedConfig(env: Env = process.env): SharedConfig {
  const secret = env.SES_CONFIRM_SECRET ?? "";
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError("SES_CONFIRM_SECRET", `set it to a random string of ${MIN_SECRET_LENGTH} characters or more (e.g. \`openssl rand -hex 32\`), the same for the web app and the worker`);
  }
  const queueName = env.SES_CONFIRM_QUEUE ?? "ses-confirm";
  if (!/^[\w.-]{1,100}$/.test(queueName)) throw new ConfigError("SES_CONFIRM_QUEUE", `use letters, digits, "_", "-" or ".", got "${queueName}"`);
  return {
    redisUrl: env.REDIS_URL ?? "redis://127.0.0.1:6379",
    // Resolved at run time against the working directory; Turbopack must not trace it as a build input.
    databasePath: resolve(/*turbopackIgnore: true*/ env.SES_CONFIRM_DB ?? "data/users.sqlite"),
    secret,
    queueName,
  };
}

/** Reads the web app's settings. */
export function readWebConfig(env: Env = process.env): WebConfig {
  const delay = env.SES_CONFIRM_RETRY_DELAY ?? "2";
  const retryDelaySeconds = Number(delay);
  if (!Number.isInteger(retryDelaySeconds) || retryDelaySeconds < 1 || retryDelaySeconds > 3600) {
    throw new ConfigError("SES_CONFIRM_RETRY_DELAY", `whole seconds from 1 to 3600, got "${delay}"`);
  }
  return { ...readSharedConfig(env), retryDelaySeconds };
}

/** Reads the worker's settings. */
export function readWorkerConfig(env: Env = process.env): WorkerConfig {
  const publicUrl = env.SES_CONFIRM_PUBLIC_URL ?? "http://127.0.0.1:3000";
  if (!isHttpUrl(publicUrl)) throw new ConfigError("SES_CONFIRM_PUBLIC_URL", `the web app's address as people reach it (http:// or https://), got "${publicUrl}"`);
  const endpoint = env.SES_CONFIRM_SES_ENDPOINT;
  if (endpoint !== undefined && !isHttpUrl(endpoint)) throw new ConfigError("SES_CONFIRM_SES_ENDPOINT", `a URL such as http://127.0.0.1:8005, got "${endpoint}"`);
  let from: string;
  try {
    from = normalizeEmail(env.SES_CONFIRM_FROM ?? "no-reply@example.com");
  } catch (error) {
    throw new ConfigError("SES_CONFIRM_FROM", `the sender address (an SES-verified identity): ${(error as Error).message}`);
  }
  return {
    ...readSharedConfig(env),
    publicUrl: publicUrl.replace(/\/+$/, ""),
    from,
    region: env.AWS_REGION ?? "us-east-1",
    ...(endpoint ? { sesEndpoint: endpoint } : {}),
  };
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
}
