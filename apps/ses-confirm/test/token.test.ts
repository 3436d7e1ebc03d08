import { describe, expect, it } from "vitest";
import { signToken, TOKEN_LIFETIME_SECONDS, verifyToken } from "../lib/token";

const SECRET = "a-test-secret-of-at-least-thirty-two-characters";
const NOW = 1_800_000_000;
const claims = { userId: 7, email: "ada@example.com" };

describe("confirmation tokens", () => {
  it("give back the user and address they were made for", () => {
    expect(verifyToken(signToken(claims, SECRET, NOW), SECRET, NOW + 10)).toEqual({ valid: true, claims, issuedAt: NOW });
  });

  it("still confirm at exactly one hour, and are expired one second later", () => {
    const token = signToken(claims, SECRET, NOW);
    expect(verifyToken(token, SECRET, NOW + TOKEN_LIFETIME_SECONDS).valid).toBe(true);
    expect(verifyToken(token, SECRET, NOW + TOKEN_LIFETIME_SECONDS + 1)).toEqual({ valid: false, reason: "expired" });
  });

  it("are refused as tampered when the payload names another user", () => {
    const [, signature] = signToken(claims, SECRET, NOW).split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ u: 1, e: "admin@example.com", t: NOW })).toString("base64url");
    expect(verifyToken(`${forgedPayload}.${signature}`, SECRET, NOW)).toEqual({ valid: false, reason: "tampered" });
  });

  it("are refused as tampered when one character of the signature changes", () => {
    const token = signToken(claims, SECRET, NOW);
    const last = token.at(-1) === "A" ? "B" : "A";
    expect(verifyToken(token.slice(0, -1) + last, SECRET, NOW)).toEqual({ valid: false, reason: "tampered" });
  });

  it("are refused as tampered when signed with another secret", () => {
    expect(verifyToken(signToken(claims, "another-secret-of-at-least-thirty-two-chars", NOW), SECRET, NOW)).toEqual({ valid: false, reason: "tampered" });
  });

  it("cannot be renewed by changing the issue time: the signature covers it", () => {
    const [payload, signature] = signToken(claims, SECRET, NOW).split(".");
    const fields = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const renewed = Buffer.from(JSON.stringify({ ...fields, t: NOW + 7200 })).toString("base64url");
    expect(verifyToken(`${renewed}.${signature}`, SECRET, NOW + 7200)).toEqual({ valid: false, reason: "tampered" });
  });

  it.each(["", "abc", "a.b.c", "no spaces.allowed", "é.é"])("are refused as malformed when they look like %j", (token) => {
    expect(verifyToken(token, SECRET, NOW)).toEqual({ valid: false, reason: "malformed" });
  });

  it("from the future (a clock far ahead) are refused as expired", () => {
    expect(verifyToken(signToken(claims, SECRET, NOW + 3600), SECRET, NOW)).toEqual({ valid: false, reason: "expired" });
  });
});
