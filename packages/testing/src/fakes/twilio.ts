/**
 * A fake Twilio REST API for SMS (SCENARIOS.md §2.3): enough of `/2010-04-01/Accounts/{sid}/Messages`
 * for the real `twilio` SDK (see `fakeTwilioHttpClient`) or plain `fetch` to send, list and fetch
 * messages, with Twilio's HTTP Basic auth and its `{code, message, more_info, status}` errors.
 *
 * Routes:
 * - `POST /2010-04-01/Accounts/:AccountSid/Messages.json` (form-encoded `To`, `From` |
 *   `MessagingServiceSid`, `Body`, `MediaUrl`*, `StatusCallback`) → 201 Message
 * - `GET  /2010-04-01/Accounts/:AccountSid/Messages.json[?To=&From=&PageSize=&Page=]` → a page
 * - `GET  /2010-04-01/Accounts/:AccountSid/Messages/:Sid.json` → one Message
 * - `GET  /__messages` → `{messages}`, no auth: an inspection endpoint for demo pages
 * What happens to a message after it is accepted lives in `twilio-messages.ts`.
 */
import type { OutgoingHttpHeaders } from "node:http";
import { checkDelay, sendJson, startFakeServer, type FakeRequest, type FakeServer, type FakeServerOptions, type Route } from "./http.js";
import { MessageOutbox, type NewMessage, type StatusCallbackDelivery, type TwilioMessage } from "./twilio-messages.js";

export type { StatusCallbackDelivery, TwilioMessage, TwilioMessageStatus } from "./twilio-messages.js";

export interface FakeTwilioOptions extends FakeServerOptions {
  /**
   * The account the fake serves: the Basic-auth user name and the `{AccountSid}` in every path.
   * @defaultValue {@link FAKE_TWILIO_ACCOUNT_SID}
   */
  accountSid?: string;
  /**
   * The Basic-auth password, and the key that signs status callbacks.
   * @defaultValue {@link FAKE_TWILIO_AUTH_TOKEN}
   */
  authToken?: string;
  /**
   * Milliseconds between status steps (queued → sent → delivered); `null` leaves every message
   * `queued` and sends no callbacks.
   * @defaultValue 20
   */
  statusDelayMs?: number | null;
  /**
   * `To` numbers whose messages end `undelivered` with error 30003, to exercise failure callbacks.
   * @defaultValue none
   */
  undeliverableNumbers?: string[];
  /**
   * The account's own numbers. When given, a `From` outside this list is refused with error 21606;
   * the first one is also what a Messaging Service sends from.
   * @defaultValue any valid number is accepted; services send from `+15005550006`
   */
  ownedNumbers?: string[];
}

/** A running fake Twilio. */
export interface FakeTwilio extends FakeServer {
  readonly accountSid: string;
  readonly authToken: string;
  /** Every message sent so far, newest first, as the API would return them. */
  messages(): TwilioMessage[];
  /** Every status callback the fake has POSTed, oldest first. */
  callbacks(): StatusCallbackDelivery[];
  /** Resolves once every pending status change and its callback is done. */
  settled(): Promise<void>;
  /** Also forgets messages and callbacks, and cancels pending status changes. */
  reset(): void;
}

/** The default account SID: `AC` + 32 hex digits, as the SDK requires. */
export const FAKE_TWILIO_ACCOUNT_SID = `AC${"fa4e".repeat(8)}`;
/** The default auth token. */
export const FAKE_TWILIO_AUTH_TOKEN = "7e57".repeat(8);

const DEFAULT_STATUS_DELAY_MS = 20;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const MAX_BODY_LENGTH = 1600;
const E164 = /^\+[1-9]\d{6,14}$/;
// An alphanumeric sender ID: up to 11 letters, digits and spaces, with at least one letter.
const ALPHANUMERIC_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$/;
const MESSAGING_SERVICE_SID = /^MG[0-9a-f]{32}$/;

/** Starts the fake Twilio on a free port of 127.0.0.1. */
export async function startFakeTwilio(options: FakeTwilioOptions = {}): Promise<FakeTwilio> {
  const accountSid = options.accountSid ?? FAKE_TWILIO_ACCOUNT_SID;
  if (!/^AC[0-9a-f]{32}$/.test(accountSid)) throw new RangeError(`startFakeTwilio: accountSid must be "AC" + 32 hex digits, got "${accountSid}"`);
  const authToken = options.authToken ?? FAKE_TWILIO_AUTH_TOKEN;
  const statusDelayMs = options.statusDelayMs === null ? null : checkDelay("statusDelayMs", options.statusDelayMs ?? DEFAULT_STATUS_DELAY_MS);
  const owned = options.ownedNumbers;
  const outbox = new MessageOutbox({
    accountSid,
    authToken,
    statusDelayMs,
    undeliverable: new Set(options.undeliverableNumbers ?? []),
    serviceSender: owned?.[0] ?? "+15005550006",
  });
  const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
  const messagesPath = `/2010-04-01/Accounts/${accountSid}/Messages`;

  /** Twilio checks credentials first, then that the path names the account they belong to. */
  const authed =
    (handle: (request: FakeRequest, params: Readonly<Record<string, string>>) => void): Route["handle"] =>
    (request, params) => {
      if (request.headers.authorization !== expectedAuth) {
        return twilioError(request, 401, 20003, "Authenticate", { "WWW-Authenticate": 'Basic realm="Twilio API"' });
      }
      if (params.account !== accountSid) return notFound(request);
      handle(request, params);
    };

  const routes: Route[] = [
    {
      method: "POST",
      pattern: /^\/2010-04-01\/Accounts\/(?<account>[^/]+)\/Messages\.json$/,
      handle: authed((request) => {
        const form = new URLSearchParams(request.body);
        const checked = validateSend(form, owned);
        if ("code" in checked) return twilioError(request, 400, checked.code, checked.message);
        sendJson(request.res, 201, outbox.create(checked));
      }),
    },
    {
      method: "GET",
      pattern: /^\/2010-04-01\/Accounts\/(?<account>[^/]+)\/Messages\.json$/,
      handle: authed((request) => sendJson(request.res, 200, listPage(outbox.list(), request.url.searchParams, messagesPath))),
    },
    {
      method: "GET",
      pattern: /^\/2010-04-01\/Accounts\/(?<account>[^/]+)\/Messages\/(?<sid>[^/]+)\.json$/,
      handle: authed((request, params) => {
        const message = outbox.get(params.sid ?? "");
        if (!message) return notFound(request);
        sendJson(request.res, 200, message);
      }),
    },
    { method: "GET", pattern: /^\/__messages$/, handle: (request) => sendJson(request.res, 200, { messages: outbox.list() }) },
  ];

  const core = await startFakeServer({
    routes,
    latencyMs: options.latencyMs,
    notFound,
    // Twilio's codes for these statuses are 20000 + status (20429 Too Many Requests, 20500, 20503…).
    renderFailure: (request, status) => twilioError(request, status, 20_000 + status, status === 429 ? "Too Many Requests" : `HTTP ${status} injected by the fake`),
  });

  return {
    ...core,
    accountSid,
    authToken,
    messages: () => outbox.list(),
    callbacks: () => outbox.callbacks(),
    settled: () => outbox.settled(),
    reset() {
      outbox.reset();
      core.reset();
    },
  };
}

/** Checks a send form the way Twilio does and names the first problem with Twilio's error code. */
function validateSend(form: URLSearchParams, owned: string[] | undefined): NewMessage | { code: number; message: string } {
  const to = form.get("To")?.trim() ?? "";
  const from = form.get("From")?.trim() || undefined;
  const service = form.get("MessagingServiceSid")?.trim() || undefined;
  const body = form.get("Body") ?? "";
  const mediaUrls = form.getAll("MediaUrl");
  const statusCallback = form.get("StatusCallback")?.trim() || undefined;

  if (!to) return { code: 21604, message: "A 'To' phone number is required." };
  if (!E164.test(to)) return { code: 21211, message: `Invalid 'To' Phone Number: ${to} is not in E.164 format (+ and up to 15 digits)` };
  if (!from && !service) return { code: 21603, message: "A 'From' phone number is required." };
  if (from && !E164.test(from) && !ALPHANUMERIC_SENDER.test(from)) {
    return { code: 21212, message: `Invalid 'From' Phone Number: ${from} is neither an E.164 number nor an alphanumeric sender ID` };
  }
  if (from && owned && !owned.includes(from)) {
    return { code: 21606, message: `The 'From' phone number provided (${from}) is not a message-capable number of this account` };
  }
  if (service && !MESSAGING_SERVICE_SID.test(service)) return { code: 21701, message: `The Messaging Service Sid ${service} is invalid` };
  if (!body && mediaUrls.length === 0) return { code: 21602, message: "Message body is required." };
  if (body.length > MAX_BODY_LENGTH) return { code: 21617, message: `The concatenated message body exceeds the ${MAX_BODY_LENGTH} character limit` };
  if (statusCallback && !/^https?:\/\/[^/]+/i.test(statusCallback)) {
    return { code: 21609, message: `Invalid StatusCallback URL: ${statusCallback}` };
  }
  return { to, from, messagingServiceSid: service, body, mediaUrls, statusCallback };
}

/**
 * One page of the list, in the 2010 API's paging shape: the records under `messages`, plus
 * `page`, `page_size`, `start`, `end` and `uri`/`first_page_uri`/`next_page_uri`/`previous_page_uri`
 * (relative URIs keeping the filters; `next_page_uri` is `null` on the last page).
 */
function listPage(all: TwilioMessage[], query: URLSearchParams, messagesPath: string) {
  const to = query.get("To");
  const from = query.get("From");
  const messages = all.filter((m) => (to === null || m.to === to) && (from === null || m.from === from));
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Number.parseInt(query.get("PageSize") ?? "", 10) || DEFAULT_PAGE_SIZE));
  const page = Math.max(0, Number.parseInt(query.get("Page") ?? "", 10) || 0);
  const start = page * pageSize;
  const records = messages.slice(start, start + pageSize);
  const pageUri = (n: number, token?: string) => {
    const params = new URLSearchParams();
    if (to !== null) params.set("To", to);
    if (from !== null) params.set("From", from);
    params.set("PageSize", String(pageSize));
    params.set("Page", String(n));
    if (token) params.set("PageToken", token); // Twilio sends one; the fake pages by `Page` alone
    return `${messagesPath}.json?${params}`;
  };
  const hasNext = start + pageSize < messages.length;
  return {
    messages: records,
    page,
    page_size: pageSize,
    start,
    end: Math.max(start, start + records.length - 1),
    uri: pageUri(page),
    first_page_uri: pageUri(0),
    next_page_uri: hasNext ? pageUri(page + 1, `PA${records.at(-1)?.sid ?? ""}`) : null,
    previous_page_uri: page > 0 ? pageUri(page - 1, `PB${records[0]?.sid ?? ""}`) : null,
  };
}

function notFound(request: FakeRequest): void {
  twilioError(request, 404, 20404, `The requested resource ${request.url.pathname} was not found`);
}

/** Twilio's error body. `more_info` links to the code's documentation page, as the API's does. */
function twilioError(request: FakeRequest, status: number, code: number, message: string, headers: OutgoingHttpHeaders = {}): void {
  sendJson(request.res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}
