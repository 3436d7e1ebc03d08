/**
 * The inbound-SMS webhook: Twilio POSTs each reply a subscriber texts to the app's number. STOP (and
 * Twilio's other opt-out words) unsubscribes the sender and cancels their scheduled job.
 *
 * Anyone can POST to a public URL, so the request must carry a valid `X-Twilio-Signature`: an HMAC of
 * the URL and the form parameters keyed with the account's auth token, checked with the SDK's
 * `validateRequest`. A forged or altered request gets 403 and changes nothing.
 */
import twilio from "twilio";
import { STOPPED_TEXT } from "./sms-text";
import { unsubscribe, type SubscriptionContext } from "./subscriptions";

/** Twilio's standard opt-out keywords (case-insensitive, the whole message). */
export const STOP_WORDS: ReadonlySet<string> = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]);

const MAX_BODY_BYTES = 16_384;

export interface InboundSmsOptions {
  /** The auth token that signs Twilio's requests. */
  authToken: string;
  /** The URL Twilio calls (ISS_PUBLIC_URL + path); @defaultValue the URL the request arrived at */
  publicUrl?: string;
}

/** Handles one webhook request; answers TwiML (the reply SMS) or 403 for a bad signature. */
export async function handleInboundSms(request: Request, ctx: SubscriptionContext, options: InboundSmsOptions): Promise<Response> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return new Response("Request body too large\n", { status: 413 });
  const params = Object.fromEntries(new URLSearchParams(text));
  const url = options.publicUrl ? new URL(new URL(request.url).pathname + new URL(request.url).search, options.publicUrl).href : request.url;
  const signature = request.headers.get("x-twilio-signature") ?? "";
  if (!signature || !twilio.validateRequest(options.authToken, signature, url, params)) {
    return new Response("Forbidden: the X-Twilio-Signature does not match this request\n", { status: 403, headers: { "Content-Type": "text/plain" } });
  }
  const from = params.From ?? "";
  const word = (params.Body ?? "").trim().toUpperCase();
  if (STOP_WORDS.has(word)) {
    const wasSubscribed = await unsubscribe(ctx, from);
    return twiml(wasSubscribed ? STOPPED_TEXT : "This number was not subscribed to ISS alerts.");
  }
  return twiml("ISS alerts: reply STOP to unsubscribe.");
}

function twiml(message: string): Response {
  const escaped = message.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escaped}</Message></Response>`, {
    status: 200,
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}
