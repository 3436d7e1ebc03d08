/**
 * The one connection option of every command: `--url`, else `REDIS_URL`, else redis://127.0.0.1:6379.
 * `redis://` and `rediss://` (TLS) URLs, with `user:password@` when Redis wants them.
 *
 * ioredis retries a failed connection for ever by default, which would leave a mistyped URL hanging;
 * every command first connects with retries off and a timeout, and turns the cause into a message
 * that says what to fix.
 */
import { Redis, type RedisOptions } from "ioredis";
import { RedisUnreachableError, UsageError } from "./errors.js";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

/** How long to wait for Redis to answer before giving up. */
const CONNECT_TIMEOUT_MS = 5_000;

/** Where the URL came from, for messages. */
export interface RedisTarget {
  url: string;
  source: "--url" | "REDIS_URL" | "the default";
}

/** Picks and checks the Redis URL; throws `UsageError` for anything but a redis:// or rediss:// URL. */
export function redisTarget(option: string | undefined, env: NodeJS.ProcessEnv = process.env): RedisTarget {
  const target: RedisTarget =
    option !== undefined
      ? { url: option, source: "--url" }
      : env.REDIS_URL
        ? { url: env.REDIS_URL, source: "REDIS_URL" }
        : { url: DEFAULT_REDIS_URL, source: "the default" };
  let parsed: URL;
  try {
    parsed = new URL(target.url);
  } catch {
    throw new UsageError(`${target.source} "${target.url}" is not a URL: use redis://[user:password@]host[:port][/db] or rediss://… for TLS`);
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    throw new UsageError(`${target.source} "${redact(target.url)}" must start with redis:// or rediss:// (TLS); got ${parsed.protocol}//`);
  }
  if (parsed.pathname.length > 1 && !/^\/\d+$/.test(parsed.pathname)) {
    throw new UsageError(`${target.source} "${redact(target.url)}": the path must be a database number such as /0; got ${parsed.pathname}`);
  }
  return target;
}

/** The URL with its password replaced, for messages and headers. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}

const TLS_TRUST = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** Why the connection failed, in words that say what to change. */
function explain(error: (Error & { code?: string }) | undefined, target: RedisTarget): string {
  const where = `${redact(target.url)} (from ${target.source})`;
  const code = error?.code ?? "";
  const message = error?.message ?? "the connection closed";
  if (code === "ECONNREFUSED") return `Cannot reach Redis at ${where}: connection refused. Is redis-server running there? Set --url or REDIS_URL.`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return `Cannot reach Redis at ${where}: the host name does not resolve.`;
  if (code === "ETIMEDOUT") return `Cannot reach Redis at ${where}: no answer within ${CONNECT_TIMEOUT_MS / 1000} s.`;
  if (message.startsWith("NOAUTH")) {
    return `Redis at ${where} requires a password: put it in the URL, redis://:password@host:port (or user:password@ for an ACL user).`;
  }
  if (message.startsWith("WRONGPASS")) return `Redis at ${where} refused the username or password in the URL.`;
  if (TLS_TRUST.has(code)) {
    return `Cannot reach Redis at ${where}: its TLS certificate is not trusted (${message}). For a private CA, set NODE_EXTRA_CA_CERTS=/path/to/ca.pem.`;
  }
  if (message.includes("Unknown RESP type") || code === "ERR_SSL_WRONG_VERSION_NUMBER") {
    return `Cannot reach Redis at ${where}: the server did not answer as Redis. Wrong port, or redis:// and rediss:// (TLS) mixed up?`;
  }
  return `Cannot reach Redis at ${where}: ${message}`;
}

/**
 * Connects and checks that Redis answers, with retries off; throws `RedisUnreachableError` saying why
 * not. With `keepRetrying`, the connection returned afterwards reconnects on its own, as a long-running
 * worker's must; otherwise it fails fast on every later error too.
 */
export async function connect(target: RedisTarget, options: { keepRetrying?: boolean } = {}): Promise<Redis> {
  const failFast: RedisOptions = {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectionName: "rqts-cli",
  };
  const probe = new Redis(target.url, failFast);
  let lastError: (Error & { code?: string }) | undefined;
  probe.on("error", (error: Error) => (lastError = error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    throw new RedisUnreachableError(explain(lastError ?? (error as Error), target));
  }
  if (!options.keepRetrying) return probe;
  probe.disconnect();
  const connection = new Redis(target.url, { connectionName: "rqts-cli" });
  connection.on("error", () => undefined); // the worker reports failed commands where they are awaited
  return connection;
}
