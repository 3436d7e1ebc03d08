import { describe, expect, it } from "vitest";
import { InvalidSubscriptionError } from "../lib/errors";
import { parsePhone, parseSubscription } from "../lib/subscription-input";

describe("subscription input", () => {
  it("normalises a phone number written with spaces, dashes and brackets to E.164", () => {
    expect(parsePhone("+1 (415) 555-0123")).toBe("+14155550123");
    expect(parsePhone("+44 7700.900.123")).toBe("+447700900123");
  });

  it("refuses numbers without a country code, too short or too long, and non-digits, naming the field", () => {
    for (const bad of ["4155550123", "+1234", "+1234567890123456", "+0123456789", "+1415555O123", "", 14155550123]) {
      expect(() => parsePhone(bad), String(bad)).toThrow(InvalidSubscriptionError);
    }
    expect(() => parsePhone("4155550123")).toThrow(/not an international \(E\.164\) number/);
  });

  it("accepts degrees as strings or numbers within range", () => {
    expect(parseSubscription({ phone: "+14155550123", latitude: "37.7749", longitude: -122.4194 })).toEqual({ phone: "+14155550123", latitude: 37.7749, longitude: -122.4194 });
  });

  it("refuses out-of-range or non-numeric coordinates with the field and the accepted range", () => {
    const attempt = (latitude: unknown, longitude: unknown) => () => parseSubscription({ phone: "+14155550123", latitude, longitude });
    expect(attempt("91", "0")).toThrow(/latitude must be a number of degrees from -90 to 90, got "91"/);
    expect(attempt("0", "-180.5")).toThrow(/longitude must be a number of degrees from -180 to 180/);
    expect(attempt("1e2", "0")).toThrow(/latitude/);
    expect(attempt("NaN", "0")).toThrow(/latitude/);
    expect(attempt(undefined, "0")).toThrow(/latitude/);
    try {
      attempt("0", "x")();
    } catch (error) {
      expect((error as InvalidSubscriptionError).field).toBe("longitude");
    }
  });
});
