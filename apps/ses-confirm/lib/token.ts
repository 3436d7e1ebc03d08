/**
 * Signed, expiring confirmation tokens: `<payload>.<signature>`, both base64url. The payload names the
 * user and the address and when the token was made; the signature is an HMAC-SHA256 of it under a
 * secret from the environment, so a token needs no database table and cannot be forged or altered.
 * The address is inside so that a token confirms only the address it was mailed to.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a token confirms: one hour, in seconds. */
export const TOKEN_LIFETIME_SECONDS = 3600;

// Keeps these signatures apart from any other use of the same secret (itsdangerous calls it a salt).
const PURPOSE = "ses-confirm:email-confirm";

/** Who a token confirms. */
export interface TokenClaims {
  userId: number;
  email: string;
}

/** The outcome of reading a token. */
export type TokenCheck =
  | { valid: true; claims: TokenClaims; issuedAt: number }
  | { valid: false; reason: "malformed" | "tampered" | "expired" };

/** Makes a token for `claims`, issued at `nowSeconds` (default: now). */
export function signToken(claims: TokenClaims, secret: string, nowSeconds = currentSeconds()): string {
  const payload = Buffer.from(JSON.stringify({ u: claims.userId, e: claims.email, t: nowSeconds })).toString("base64url");
  return `${payload}.${signature(payload, secret)}`;
}

// #region verify
/**
 * Checks a token: the signature first (an altered token is "tampered" whatever it claims), then its
 * age (older than `lifetimeSeconds`, default one hour: "expired").
 */
export function verifyToken(token: string, secret: string, nowSeconds = currentSeconds(), lifetimeSeconds = TOKEN_LIFETIME_SECONDS): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0]!) || !/^[A-Za-z0-9_-]+$/.test(parts[1]!)) {
    return { valid: false, reason: "malformed" };
  }
  const [payload, given] = parts as [string, string];
  const expected = Buffer.from(signature(payload, secret), "base64url");
  const actual = Buffer.from(given, "base64url");
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return { valid: false, reason: "tampered" };
  const fields = parsePayload(payload);
  if (!fields) return { valid: false, reason: "malformed" }; // signed by us, so only an old format can land here
  if (nowSeconds - fields.t > lifetimeSeconds || fields.t > nowSeconds + 60) return { valid: false, reason: "expired" };
  return { valid: true, claims: { userId: fields.u, email: fields.e }, issuedAt: fields.t };
}
// #endregion verify

function signature(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`${PURPOSE}.${payload}`).digest("base64url");
}

function parsePayload(payload: string): { u: number; e: string; t: number } | null {
  try {
    const value = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (Number.isSafeInteger(value.u) && typeof value.e === "string" && Number.isSafeInteger(value.t)) {
      return value as { u: number; e: string; t: number };
    }
  } catch {
    // not JSON
  }
  return null;
}

function currentSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
