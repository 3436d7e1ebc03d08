/**
 * Validation of what a person types: a phone number in E.164 (Twilio's format: "+", country code,
 * number, 8 to 15 digits in all) and a location in degrees. Spaces, dots, dashes and brackets people
 * write in phone numbers are dropped first; anything else is refused with the field named.
 */
import { InvalidSubscriptionError } from "./errors";
import type { Observer } from "./passes";

/** A validated subscription request. */
export interface SubscriptionInput {
  /** E.164, e.g. "+14155550123". */
  phone: string;
  latitude: number;
  longitude: number;
}

const E164 = /^\+[1-9]\d{7,14}$/;

/** Normalises and checks a phone number; throws `InvalidSubscriptionError` for anything but E.164. */
export function parsePhone(raw: unknown): string {
  if (typeof raw !== "string" || raw.trim() === "") throw new InvalidSubscriptionError("phone", "Enter a phone number in international format, e.g. +14155550123");
  const phone = raw.replace(/[\s().-]/g, "");
  if (!E164.test(phone)) {
    throw new InvalidSubscriptionError("phone", `"${raw.slice(0, 40)}" is not an international (E.164) number: "+", the country code, then the number, 8 to 15 digits in all, e.g. +14155550123`);
  }
  return phone;
}

function parseDegrees(raw: unknown, field: "latitude" | "longitude", limit: number): number {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : "";
  const value = /^[-+]?\d{1,3}(\.\d{1,10})?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value) || Math.abs(value) > limit) {
    throw new InvalidSubscriptionError(field, `The ${field} must be a number of degrees from -${limit} to ${limit}, got "${text.slice(0, 40)}"`);
  }
  return value;
}

/** Checks a whole form (`phone`, `latitude`, `longitude`), from JSON or form fields. */
export function parseSubscription(form: Readonly<Record<string, unknown>>): SubscriptionInput {
  return {
    phone: parsePhone(form.phone),
    latitude: parseDegrees(form.latitude, "latitude", 90),
    longitude: parseDegrees(form.longitude, "longitude", 180),
  };
}

/** The observer a subscription describes (at sea level: a few hundred metres change rise times by seconds). */
export function observerOf(input: Pick<SubscriptionInput, "latitude" | "longitude">): Observer {
  return { latitude: input.latitude, longitude: input.longitude };
}
