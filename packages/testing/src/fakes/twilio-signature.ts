/**
 * Twilio's webhook signature (the `X-Twilio-Signature` header), so the fake can sign the status
 * callbacks it sends and app code or tests can check them without the SDK.
 *
 * The algorithm, as Twilio documents it and its SDKs implement it: take the full URL that was
 * called (with its query string), append each POST parameter as name + value with the names in
 * sorted order (a repeated name contributes its distinct values, sorted), HMAC-SHA1 the result
 * with the account's auth token as key, and base64 the digest.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The HTTP header Twilio puts the signature in. */
export const TWILIO_SIGNATURE_HEADER = "X-Twilio-Signature";

/** Form parameters of a webhook; a name sent more than once maps to all its values. */
export type TwilioWebhookParams = Readonly<Record<string, string | readonly string[]>>;

/** Computes the `X-Twilio-Signature` Twilio would send for a POST of `params` to `url`. */
export function twilioSignature(authToken: string, url: string, params: TwilioWebhookParams = {}): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => {
      const value = params[name] ?? "";
      const values = typeof value === "string" ? [value] : [...new Set(value)].sort();
      return acc + values.map((v) => name + v).join("");
    }, url);
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

/** True if `signature` is what Twilio would send for these `url` and `params` (compared in constant time). */
export function isValidTwilioSignature(authToken: string, signature: string, url: string, params: TwilioWebhookParams = {}): boolean {
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
