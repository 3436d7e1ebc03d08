/**
 * The inbound-SMS webhook, called as Twilio calls it: a form POST signed with the auth token. The
 * signature is computed by @rqts/testing's independent implementation, checked by the twilio SDK's.
 */
import { describe, expect, it } from "vitest";
import { UnrecoverableError } from "@rqts/queue";
import { FAKE_TWILIO_AUTH_TOKEN, twilioSignature } from "@rqts/testing";
import { handleInboundSms } from "../lib/inbound-sms";
import { getSubscriber } from "../lib/subscribers";
import { subscribe } from "../lib/subscriptions";
import { ManualClock, testApp, useServers } from "./helpers";

const servers = useServers();
const WEBHOOK_URL = "https://iss.example.org/sms/inbound";
const LONDON = { latitude: 51.5074, longitude: -0.1278 };

function inbound(params: Record<string, string>, signature: string | null, url = "http://127.0.0.1:3000/sms/inbound"): Request {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (signature !== null) headers["X-Twilio-Signature"] = signature;
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(params) });
}

const options = { authToken: FAKE_TWILIO_AUTH_TOKEN, publicUrl: "https://iss.example.org" };

describe("the inbound-SMS webhook", () => {
  it("unsubscribes on a signed STOP, cancels the scheduled job, and replies in TwiML", async () => {
    const app = testApp(servers, new ManualClock(new Date("2026-11-21T00:00:00Z")));
    const phone = "+447700900201";
    const { subscriber } = await subscribe(app.ctx, { phone, ...LONDON });
    const params = { From: phone, To: "+15005550006", Body: " stop ", MessageSid: `SM${"1".repeat(32)}` };
    const response = await handleInboundSms(inbound(params, twilioSignature(FAKE_TWILIO_AUTH_TOKEN, WEBHOOK_URL, params)), app.ctx, options);

    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
    expect(await response.text()).toMatch(/<Response><Message>You're unsubscribed from ISS alerts/);
    expect(await getSubscriber(servers.redis, phone)).toBeUndefined();
    expect(await app.queue.canceled.contains(subscriber.passJobId!)).toBe(true);
  });

  it("answers 403 to a forged request (wrong key, altered body, or no signature) and changes nothing", async () => {
    const app = testApp(servers, new ManualClock(new Date("2026-11-21T00:00:00Z")));
    const phone = "+447700900202";
    await subscribe(app.ctx, { phone, ...LONDON });
    const params = { From: phone, Body: "STOP" };
    const forgedKey = twilioSignature("not-the-auth-token", WEBHOOK_URL, params);
    const signedOther = twilioSignature(FAKE_TWILIO_AUTH_TOKEN, WEBHOOK_URL, { From: "+447700900999", Body: "STOP" });
    const otherUrl = twilioSignature(FAKE_TWILIO_AUTH_TOKEN, "https://evil.example/sms/inbound", params);
    for (const signature of [forgedKey, signedOther, otherUrl, null]) {
      const response = await handleInboundSms(inbound(params, signature), app.ctx, options);
      expect(response.status).toBe(403);
      expect(await response.text()).toMatch(/X-Twilio-Signature does not match/);
    }
    expect(await getSubscriber(servers.redis, phone)).toBeDefined();
  });

  it("checks against the URL the request arrived at when no public URL is configured", async () => {
    const app = testApp(servers, new ManualClock(new Date("2026-11-21T00:00:00Z")));
    const url = "http://127.0.0.1:3999/sms/inbound";
    const params = { From: "+447700900203", Body: "hello" };
    const response = await handleInboundSms(inbound(params, twilioSignature(FAKE_TWILIO_AUTH_TOKEN, url, params), url), app.ctx, { authToken: FAKE_TWILIO_AUTH_TOKEN });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/reply STOP to unsubscribe/);
  });
});

describe("sending through the twilio SDK and the fake", () => {
  it("turns Twilio's 21211 (invalid number) into an UnrecoverableError, so the job is not retried", async () => {
    const error = await servers.sms.send("+1", "hi").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnrecoverableError);
    expect((error as Error).message).toMatch(/Twilio refused the SMS to \+1 \(error 21211\)/);
  });

  it("keeps 429 retryable", async () => {
    servers.twilio.failNext(1, 429);
    const error = await servers.sms.send("+447700900204", "hi").catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(UnrecoverableError);
    expect((error as { status?: number }).status).toBe(429);
  });

  it("lists the account's messages newest first", async () => {
    await servers.sms.send("+447700900205", "first");
    await servers.sms.send("+447700900205", "second");
    const recent = await servers.sms.recent(2);
    expect(recent.map((message) => [message.to, message.body])).toEqual([["+447700900205", "second"], ["+447700900205", "first"]]);
  });
});
