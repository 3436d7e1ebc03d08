/**
 * The small HTTP core every fake shares.
 *
 * A fake gives `startFakeServer` its routes and a way to render an injected failure in its
 * own error format; the core owns everything else that tests lean on:
 * 1. listen on 127.0.0.1, port 0, so parallel test files never fight over a port;
 * 2. read the whole request body up front (fakes only see small forms and JSON);
 * 3. log every request (method, path, query, User-Agent, body, the status sent back);
 * 4. wait `latencyMs`, then answer any failure queued with `failNext`, then route;
 * 5. on `close()`, drop keep-alive sockets so tests never hang on an idle connection.
 */
import { createServer, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a fake received it, for assertions in tests. */
export interface LoggedRequest {
  readonly method: string;
  /** The path without the query string, e.g. `/api/v1/rovers/curiosity/photos`. */
  readonly path: string;
  /** The query parameters (the first value of each name). */
  readonly query: Readonly<Record<string, string>>;
  /** Request headers, names in lower case, repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The `User-Agent` header, or `undefined` when the client sent none. */
  readonly userAgent: string | undefined;
  /** The raw request body (empty for GET). */
  readonly body: string;
  readonly at: Date;
  /** The status the fake answered with; `undefined` while the response is still pending. */
  readonly status: number | undefined;
}

/** What a route handler is given. */
export interface FakeRequest {
  readonly method: string;
  readonly url: URL;
  readonly body: string;
  readonly headers: IncomingMessage["headers"];
  readonly res: ServerResponse;
  /** The fake's own origin, e.g. `http://127.0.0.1:40123`, for absolute links back to it. */
  readonly baseUrl: string;
}

/**
 * One route: a method and a path pattern whose named groups become `params`
 * (already URI-decoded). `GET` routes also answer `HEAD`.
 */
export interface Route {
  readonly method: "GET" | "POST";
  readonly pattern: RegExp;
  handle(request: FakeRequest, params: Readonly<Record<string, string>>): void | Promise<void>;
}

/** Knobs every fake accepts. */
export interface FakeServerOptions {
  /**
   * Delay before every response, in milliseconds, to exercise timeouts and spinners.
   * @defaultValue 0
   */
  latencyMs?: number;
}

/** The part of every fake's handle that the core provides. */
export interface FakeServer {
  /** The fake's origin, e.g. `http://127.0.0.1:40123` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every request received so far, oldest first. */
  requests(): readonly LoggedRequest[];
  /** Forgets the request log and any queued `failNext` failures, and restores the initial latency. */
  reset(): void;
  /**
   * Answers the next `count` requests with `status` in the service's own error format,
   * whatever they ask for (to teach retries).
   * @param status - HTTP status to answer with. Default: 500.
   */
  failNext(count: number, status?: number): void;
  /** Changes the delay before every response from now on. */
  setLatency(ms: number): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** What a fake hands the core. */
export interface FakeServerConfig {
  routes: readonly Route[];
  /** Answers a request no route matched (each service has its own 404). */
  notFound(request: FakeRequest): void;
  /** Answers a failure queued with `failNext`, in the service's own error format. */
  renderFailure(request: FakeRequest, status: number): void;
  latencyMs?: number | undefined;
}

type MutableLoggedRequest = { -readonly [K in keyof LoggedRequest]: LoggedRequest[K] };

/** Starts an HTTP server on 127.0.0.1 with a free port and the shared logging, latency and failure knobs. */
export async function startFakeServer(config: FakeServerConfig): Promise<FakeServer> {
  const log: MutableLoggedRequest[] = [];
  const failures: number[] = [];
  const initialLatencyMs = checkDelay("latencyMs", config.latencyMs ?? 0);
  let latencyMs = initialLatencyMs;
  let baseUrl = "";

  const server = createServer((req, res) => {
    void respond(req, res).catch((error: unknown) => {
      // A bug in a fake should fail the test loudly, not hang it: answer 500 with the reason.
      if (!res.headersSent && !res.destroyed) sendText(res, 500, `fake server error: ${String(error)}`);
      else res.destroy();
    });
  });

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", baseUrl);
    const body = await readBody(req);
    const entry: MutableLoggedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      // fromEntries keeps the last value of a repeated name; reversing first keeps the first, as documented.
      query: Object.fromEntries([...url.searchParams].reverse()),
      headers: flattenHeaders(req.headers),
      userAgent: req.headers["user-agent"],
      body,
      at: new Date(),
      status: undefined,
    };
    log.push(entry);
    res.on("finish", () => (entry.status = res.statusCode));

    const request: FakeRequest = { method: entry.method, url, body, headers: req.headers, res, baseUrl };
    if (latencyMs > 0) await sleep(latencyMs);
    if (res.destroyed) return;
    const failure = failures.shift();
    if (failure !== undefined) return config.renderFailure(request, failure);
    for (const route of config.routes) {
      if (route.method !== entry.method && !(route.method === "GET" && entry.method === "HEAD")) continue;
      const match = route.pattern.exec(url.pathname);
      if (match) return route.handle(request, decodeParams(match.groups));
    }
    config.notFound(request);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    requests: () => [...log],
    reset() {
      log.length = 0;
      failures.length = 0;
      latencyMs = initialLatencyMs;
    },
    failNext(count, status = 500) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`failNext: count must be an integer >= 0, got ${count}`);
      if (!Number.isInteger(status) || status < 400 || status > 599) {
        throw new RangeError(`failNext: status must be an HTTP error status (400-599), got ${status}`);
      }
      for (let i = 0; i < count; i++) failures.push(status);
    },
    setLatency(ms) {
      latencyMs = checkDelay("setLatency(ms)", ms);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Answers with a body of the given content type. `HEAD` requests get the headers only (Node drops the body). */
export function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  contentType: string,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, {
    "Content-Type": contentType,
    "Content-Length": Buffer.byteLength(body),
    ...headers,
  });
  res.end(body);
}

/** Answers with a JSON body. */
export function sendJson(res: ServerResponse, status: number, value: unknown, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, JSON.stringify(value), "application/json; charset=utf-8", headers);
}

/** Answers with an HTML page. */
export function sendHtml(res: ServerResponse, status: number, html: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, html, "text/html; charset=utf-8", headers);
}

/** Answers with plain text. */
export function sendText(res: ServerResponse, status: number, text: string, headers: OutgoingHttpHeaders = {}): void {
  send(res, status, text, "text/plain; charset=utf-8", headers);
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (ch) => HTML_ENTITIES[ch] ?? ch);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Serialises a value for an inline `<script>` (JSON-LD, `__NEXT_DATA__`). HTML escaping does not apply
 * inside a script element, so `<` is written as `\u003c`: a `</script>` in the data cannot end the element.
 */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Throws unless `ms` is a finite number >= 0; returns it. */
export function checkDelay(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`${name} must be a number of milliseconds >= 0, got ${ms}`);
  return ms;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function flattenHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function decodeParams(groups: Record<string, string> | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups ?? {})) {
    // A malformed escape (`%zz`) is kept as sent: the route then treats it as an unknown name.
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      params[name] = value;
    }
  }
  return params;
}
