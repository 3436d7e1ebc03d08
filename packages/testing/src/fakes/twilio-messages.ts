/**
 * The fake Twilio's outbox: the Message resources it has accepted, and their life after the API call.
 *
 * Given a validated send request, it
 * 1. stores a Message resource in the JSON shape of `/2010-04-01/.../Messages/SM….json`, status
 *    `queued` (or `accepted` when sent through a Messaging Service);
 * 2. after `statusDelayMs`, moves it to `sent`, then after another `statusDelayMs` to `delivered`
 *    (or `undelivered` with error 30003 for numbers the test marked unreachable);
 * 3. at each step, if the request named a `StatusCallback`, POSTs the status form to it, signed with
 *    `X-Twilio-Signature`, and records the delivery for tests.
 * `settled()` waits for all of that; `reset()` cancels it.
 */
import { randomBytes } from "node:crypto";
import { TWILIO_SIGNATURE_HEADER, twilioSignature } from "./twilio-signature.js";

/** A Message's `status`, as the API reports it. */
export type TwilioMessageStatus =
  | "accepted"
  | "queued"
  | "sending"
  | "sent"
  | "failed"
  | "delivered"
  | "undelivered"
  | "receiving"
  | "received"
  | "scheduled"
  | "read"
  | "canceled";

/** The Message resource, exactly as the fake serialises it (snake_case, as the REST API sends it). */
export interface TwilioMessage {
  account_sid: string;
  api_version: "2010-04-01";
  body: string;
  /** RFC 2822, e.g. `Mon, 16 Aug 2010 03:45:01 +0000`. */
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: "outbound-api";
  error_code: number | null;
  error_message: string | null;
  from: string | null;
  messaging_service_sid: string | null;
  /** The API sends counts as strings. */
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: "USD";
  /** `SM` + 32 hex digits. */
  sid: string;
  status: TwilioMessageStatus;
  subresource_uris: { media: string; feedback: string };
  to: string;
  uri: string;
}

/** One status callback the fake POSTed (or tried to). */
export interface StatusCallbackDelivery {
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  /** The `X-Twilio-Signature` header sent with it. */
  readonly signature: string;
  /** The HTTP status the receiver answered, or `undefined` if the POST failed (see `error`). */
  readonly status: number | undefined;
  readonly error: string | undefined;
  readonly at: Date;
}

/** A send request after validation. */
export interface NewMessage {
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  mediaUrls: string[];
  statusCallback: string | undefined;
}

export interface OutboxConfig {
  accountSid: string;
  authToken: string;
  /** Milliseconds between status steps; `null` leaves messages `queued`. */
  statusDelayMs: number | null;
  /** `To` numbers whose messages end `undelivered`. */
  undeliverable: ReadonlySet<string>;
  /** The number a Messaging Service sends from. */
  serviceSender: string;
}

// Twilio's error for a message that reached no handset; the wording is ours.
const UNREACHABLE = { code: 30003, message: "Unreachable destination handset" };
const CALLBACK_TIMEOUT_MS = 5_000;

/** Owns the fake's messages, their timed status changes and the callbacks those send. */
export class MessageOutbox {
  private readonly messages = new Map<string, { resource: TwilioMessage; statusCallback: string | undefined }>();
  private readonly deliveries: StatusCallbackDelivery[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; done: () => void }>();
  /** Bumped by `reset()`, so a step already running for an old message does not touch the new state. */
  private generation = 0;

  constructor(private readonly config: OutboxConfig) {}

  /** Stores a new message and starts its status progression; returns its resource. */
  create(input: NewMessage): TwilioMessage {
    const sid = `SM${randomBytes(16).toString("hex")}`;
    const now = rfc2822(new Date());
    const uri = `/2010-04-01/Accounts/${this.config.accountSid}/Messages/${sid}`;
    const resource: TwilioMessage = {
      account_sid: this.config.accountSid,
      api_version: "2010-04-01",
      body: input.body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: "outbound-api",
      error_code: null,
      error_message: null,
      from: input.from ?? null,
      messaging_service_sid: input.messagingServiceSid ?? null,
      num_media: String(input.mediaUrls.length),
      num_segments: String(countSegments(input.body)),
      price: null,
      price_unit: "USD",
      sid,
      status: input.from ? "queued" : "accepted",
      subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
      to: input.to,
      uri: `${uri}.json`,
    };
    this.messages.set(sid, { resource, statusCallback: input.statusCallback });
    if (this.config.statusDelayMs !== null) this.later(this.config.statusDelayMs, () => this.advance(sid, "sent"));
    return { ...resource };
  }

  /** All messages, newest first (the API's list order). */
  list(): TwilioMessage[] {
    return [...this.messages.values()].reverse().map(({ resource }) => ({ ...resource }));
  }

  get(sid: string): TwilioMessage | undefined {
    const entry = this.messages.get(sid);
    return entry && { ...entry.resource };
  }

  callbacks(): StatusCallbackDelivery[] {
    return [...this.deliveries];
  }

  /** Resolves once no status step or callback is pending. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Forgets every message and callback and cancels pending status steps. */
  reset(): void {
    this.generation++;
    for (const { timer, done } of this.timers) {
      clearTimeout(timer);
      done();
    }
    this.timers.clear();
    this.messages.clear();
    this.deliveries.length = 0;
  }

  private async advance(sid: string, status: "sent" | "delivered"): Promise<void> {
    const entry = this.messages.get(sid);
    if (!entry) return;
    const { resource } = entry;
    const now = rfc2822(new Date());
    resource.date_updated = now;
    if (status === "sent") {
      resource.status = "sent";
      resource.date_sent = now;
      resource.from ??= this.config.serviceSender;
      resource.price = (-0.0079 * Number(resource.num_segments)).toFixed(5);
      if (this.config.statusDelayMs !== null) this.later(this.config.statusDelayMs, () => this.advance(sid, "delivered"));
    } else if (this.config.undeliverable.has(resource.to)) {
      resource.status = "undelivered";
      resource.error_code = UNREACHABLE.code;
      resource.error_message = UNREACHABLE.message;
    } else {
      resource.status = "delivered";
    }
    if (entry.statusCallback) await this.notify(entry.statusCallback, resource);
  }

  /** POSTs the status form Twilio sends to a `StatusCallback`, signed with the auth token. */
  private async notify(url: string, message: TwilioMessage): Promise<void> {
    const generation = this.generation;
    const params: Record<string, string> = {
      AccountSid: message.account_sid,
      ApiVersion: message.api_version,
      From: message.from ?? "",
      MessageSid: message.sid,
      MessageStatus: message.status,
      SmsSid: message.sid,
      SmsStatus: message.status,
      To: message.to,
    };
    if (message.messaging_service_sid) params.MessagingServiceSid = message.messaging_service_sid;
    if (message.error_code !== null) params.ErrorCode = String(message.error_code);
    const signature = twilioSignature(this.config.authToken, url, params);
    let status: number | undefined;
    let error: string | undefined;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          [TWILIO_SIGNATURE_HEADER]: signature,
          "User-Agent": "TwilioProxy/1.1",
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
      });
      await response.arrayBuffer(); // drain, so the connection can be reused or closed
      status = response.status;
    } catch (caught) {
      error = caught instanceof Error ? caught.message : String(caught);
    }
    if (generation === this.generation) this.deliveries.push({ url, params, signature, status, error, at: new Date() });
  }

  /** Runs `step` after `ms`, tracked so `settled()` can wait for it and `reset()` can cancel it. */
  private later(ms: number, step: () => Promise<void>): void {
    const promise = new Promise<void>((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          step().then(resolve, resolve);
        }, ms),
        done: resolve,
      };
      this.timers.add(entry);
    });
    this.pending.add(promise);
    void promise.then(() => this.pending.delete(promise));
  }
}

/** Twilio's date format: RFC 2822 with a numeric zone, e.g. `Tue, 02 Jan 2024 15:04:05 +0000`. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

// Approximation of GSM-7: printable ASCII except the backtick, plus newlines. Anything else is sent as UCS-2.
const GSM7_LIKE = /^[\n\r\x20-\x5f\x61-\x7e]*$/;

/** How many SMS segments a body needs: 160/153 characters per segment in GSM-7, 70/67 in UCS-2. */
export function countSegments(body: string): number {
  const [single, multi] = GSM7_LIKE.test(body) ? [160, 153] : [70, 67];
  return body.length <= single ? 1 : Math.ceil(body.length / multi);
}
