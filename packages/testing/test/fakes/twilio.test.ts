import { createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isValidTwilioSignature, startFakeTwilio, twilioSignature, type FakeTwilio, type TwilioMessage } from "../../src/index.js";
import { sendText, startFakeServer, type FakeServer } from "../../src/fakes/http.js";

describe("fake Twilio REST API", () => {
  let twilio: FakeTwilio;
  let app: FakeServer; // stands in for an app that receives status callbacks
  let messagesUrl: string;
  const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
  const auth = () => ({ Authorization: basic(twilio.accountSid, twilio.authToken) });
  const send = (form: Record<string, string>, headers: Record<string, string> = auth()) =>
    fetch(messagesUrl, { method: "POST", headers, body: new URLSearchParams(form) });
  const get = (url: string) => fetch(url, { headers: auth() });

  beforeAll(async () => {
    twilio = await startFakeTwilio();
    app = await startFakeServer({
      routes: [{ method: "POST", pattern: /^\/sms-status$/, handle: ({ res }) => sendText(res, 204, "") }],
      notFound: ({ res }) => sendText(res, 404, "no such route"),
      renderFailure: ({ res }, status) => sendText(res, status, "failed"),
    });
    messagesUrl = `${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`;
  });
  afterAll(async () => {
    await twilio.close();
    await app.close();
  });
  beforeEach(() => {
    twilio.reset();
    app.reset();
  });

  describe("POST Messages.json", () => {
    it("accepts a form-encoded SMS and answers 201 with a queued Message resource", async () => {
      const response = await send({ To: "+15558675310", From: "+15005550006", Body: "Sol 1000: a rock that looks like a loaf" });
      expect(response.status).toBe(201);
      const message = (await response.json()) as TwilioMessage;
      expect(message).toEqual({
        account_sid: twilio.accountSid,
        api_version: "2010-04-01",
        body: "Sol 1000: a rock that looks like a loaf",
        date_created: expect.stringMatching(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/),
        date_sent: null,
        date_updated: message.date_created,
        direction: "outbound-api",
        error_code: null,
        error_message: null,
        from: "+15005550006",
        messaging_service_sid: null,
        num_media: "0",
        num_segments: "1",
        price: null,
        price_unit: "USD",
        sid: expect.stringMatching(/^SM[0-9a-f]{32}$/),
        status: "queued",
        subresource_uris: {
          media: `/2010-04-01/Accounts/${twilio.accountSid}/Messages/${message.sid}/Media.json`,
          feedback: `/2010-04-01/Accounts/${twilio.accountSid}/Messages/${message.sid}/Feedback.json`,
        },
        to: "+15558675310",
        uri: `/2010-04-01/Accounts/${twilio.accountSid}/Messages/${message.sid}.json`,
      });
      expect(twilio.messages()).toEqual([message]);
    });

    it("counts segments and media", async () => {
      const long = (await (await send({ To: "+15558675310", From: "+15005550006", Body: "x".repeat(161) })).json()) as TwilioMessage;
      expect(long.num_segments).toBe("2");
      const unicode = (await (await send({ To: "+15558675310", From: "+15005550006", Body: "🚀".repeat(36) })).json()) as TwilioMessage;
      expect(unicode.num_segments).toBe("2"); // 72 UTF-16 units > 70
      const mms = await send({ To: "+15558675310", From: "+15005550006", MediaUrl: "http://127.0.0.1/a.png" });
      expect(((await mms.json()) as TwilioMessage).num_media).toBe("1");
    });

    it("sends through a Messaging Service with status accepted", async () => {
      const response = await send({ To: "+15558675310", MessagingServiceSid: `MG${"0".repeat(32)}`, Body: "hi" });
      expect(await response.json()).toMatchObject({ status: "accepted", from: null, messaging_service_sid: `MG${"0".repeat(32)}` });
    });

    it.each([
      [{ From: "+15005550006", Body: "hi" }, 21604],
      [{ To: "555-0100", From: "+15005550006", Body: "hi" }, 21211],
      [{ To: "+15558675310", Body: "hi" }, 21603],
      [{ To: "+15558675310", From: "not a number!", Body: "hi" }, 21212],
      [{ To: "+15558675310", MessagingServiceSid: "MG123", Body: "hi" }, 21701],
      [{ To: "+15558675310", From: "+15005550006" }, 21602],
      [{ To: "+15558675310", From: "+15005550006", Body: "x".repeat(1601) }, 21617],
      [{ To: "+15558675310", From: "+15005550006", Body: "hi", StatusCallback: "not-a-url" }, 21609],
    ])("refuses %j with error %i and HTTP 400", async (form, code) => {
      const response = await send(form);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        code,
        message: expect.any(String),
        more_info: `https://www.twilio.com/docs/errors/${code}`,
        status: 400,
      });
      expect(twilio.messages()).toEqual([]);
    });

    it("refuses a From outside ownedNumbers with 21606", async () => {
      const strict = await startFakeTwilio({ ownedNumbers: ["+15005550006"] });
      try {
        const response = await fetch(`${strict.url}/2010-04-01/Accounts/${strict.accountSid}/Messages.json`, {
          method: "POST",
          headers: { Authorization: basic(strict.accountSid, strict.authToken) },
          body: new URLSearchParams({ To: "+15558675310", From: "+15551230000", Body: "hi" }),
        });
        expect(await response.json()).toMatchObject({ code: 21606, status: 400 });
      } finally {
        await strict.close();
      }
    });
  });

  describe("auth", () => {
    it.each([
      ["no credentials", {}],
      ["a wrong token", { Authorization: basic(`AC${"fa4e".repeat(8)}`, "wrong") }],
    ])("answers 401 with error 20003 for %s", async (_, headers) => {
      const response = await send({ To: "+15558675310", From: "+15005550006", Body: "hi" }, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="Twilio API"');
      expect(await response.json()).toMatchObject({ code: 20003, message: "Authenticate", status: 401 });
    });

    it("answers 404 with error 20404 for another account's path", async () => {
      const response = await get(`${twilio.url}/2010-04-01/Accounts/AC${"0".repeat(32)}/Messages.json`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 20404, status: 404 });
    });
  });

  describe("GET Messages.json and Messages/{Sid}.json", () => {
    it("fetches one message by sid, 404 with 20404 for an unknown sid", async () => {
      const { sid, uri } = (await (await send({ To: "+15558675310", From: "+15005550006", Body: "one" })).json()) as TwilioMessage;
      expect(await (await get(`${twilio.url}${uri}`)).json()).toMatchObject({ sid, body: "one" });
      const missing = await get(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages/SM${"0".repeat(32)}.json`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ code: 20404 });
    });

    it("lists newest first, pages with PageSize/Page and next_page_uri, and filters by To", async () => {
      for (const n of [1, 2, 3]) await send({ To: `+1555000000${n % 2}`, From: "+15005550006", Body: `message ${n}` });
      const first = (await (await get(`${messagesUrl}?PageSize=2`)).json()) as Record<string, unknown> & { messages: TwilioMessage[]; next_page_uri: string };
      expect(first).toMatchObject({ page: 0, page_size: 2, start: 0, end: 1, previous_page_uri: null });
      expect(first.messages.map((m) => m.body)).toEqual(["message 3", "message 2"]);
      expect(first.uri).toBe(`/2010-04-01/Accounts/${twilio.accountSid}/Messages.json?PageSize=2&Page=0`);
      expect(first.next_page_uri).toMatch(/PageSize=2&Page=1&PageToken=PASM/);
      const second = (await (await get(`${twilio.url}${first.next_page_uri}`)).json()) as { messages: TwilioMessage[]; next_page_uri: null };
      expect(second.messages.map((m) => m.body)).toEqual(["message 1"]);
      expect(second.next_page_uri).toBeNull();
      const toOne = (await (await get(`${messagesUrl}?To=%2B15550000001`)).json()) as { messages: TwilioMessage[] };
      expect(toOne.messages.map((m) => m.body)).toEqual(["message 3", "message 1"]);
    });

    it("exposes every message without auth at /__messages for demo pages", async () => {
      await send({ To: "+15558675310", From: "+15005550006", Body: "visible" });
      expect(await (await fetch(`${twilio.url}/__messages`)).json()).toMatchObject({ messages: [{ body: "visible" }] });
    });
  });

  describe("status progression and callbacks", () => {
    it("moves a message queued → sent → delivered", async () => {
      const { uri } = (await (await send({ To: "+15558675310", From: "+15005550006", Body: "hi" })).json()) as TwilioMessage;
      await twilio.settled();
      const message = (await (await get(`${twilio.url}${uri}`)).json()) as TwilioMessage;
      expect(message).toMatchObject({ status: "delivered", error_code: null, price: "-0.00790" });
      expect(message.date_sent).not.toBeNull();
    });

    it("POSTs signed, form-encoded status callbacks to StatusCallback", async () => {
      const callbackUrl = `${app.url}/sms-status?order=42`;
      const { sid } = (await (await send({ To: "+15558675310", From: "+15005550006", Body: "hi", StatusCallback: callbackUrl })).json()) as TwilioMessage;
      await twilio.settled();

      const received = app.requests();
      expect(received.map((r) => new URLSearchParams(r.body).get("MessageStatus"))).toEqual(["sent", "delivered"]);
      for (const request of received) {
        const params = Object.fromEntries(new URLSearchParams(request.body));
        expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
        expect(params).toMatchObject({ MessageSid: sid, SmsSid: sid, AccountSid: twilio.accountSid, To: "+15558675310", From: "+15005550006" });
        const signature = request.headers["x-twilio-signature"] ?? "";
        expect(isValidTwilioSignature(twilio.authToken, signature, callbackUrl, params)).toBe(true);
        expect(isValidTwilioSignature("another-token", signature, callbackUrl, params)).toBe(false);
      }
      expect(twilio.callbacks().map((c) => [c.params.MessageStatus, c.status])).toEqual([
        ["sent", 204],
        ["delivered", 204],
      ]);
    });

    it("ends undelivered with error 30003 for an unreachable number", async () => {
      const flaky = await startFakeTwilio({ undeliverableNumbers: ["+15550000000"], statusDelayMs: 1 });
      try {
        await fetch(`${flaky.url}/2010-04-01/Accounts/${flaky.accountSid}/Messages.json`, {
          method: "POST",
          headers: { Authorization: basic(flaky.accountSid, flaky.authToken) },
          body: new URLSearchParams({ To: "+15550000000", From: "+15005550006", Body: "hi", StatusCallback: `${app.url}/sms-status` }),
        });
        await flaky.settled();
        expect(flaky.messages()[0]).toMatchObject({ status: "undelivered", error_code: 30003 });
        expect(flaky.callbacks().at(-1)?.params).toMatchObject({ MessageStatus: "undelivered", ErrorCode: "30003" });
      } finally {
        await flaky.close();
      }
    });

    it("keeps messages queued when statusDelayMs is null", async () => {
      const frozen = await startFakeTwilio({ statusDelayMs: null });
      try {
        await fetch(`${frozen.url}/2010-04-01/Accounts/${frozen.accountSid}/Messages.json`, {
          method: "POST",
          headers: { Authorization: basic(frozen.accountSid, frozen.authToken) },
          body: new URLSearchParams({ To: "+15558675310", From: "+15005550006", Body: "hi" }),
        });
        await frozen.settled();
        expect(frozen.messages()[0]?.status).toBe("queued");
      } finally {
        await frozen.close();
      }
    });

    it("records a callback that could not be delivered", async () => {
      await send({ To: "+15558675310", From: "+15005550006", Body: "hi", StatusCallback: "http://127.0.0.1:1/gone" });
      await twilio.settled();
      expect(twilio.callbacks()[0]).toMatchObject({ status: undefined, error: expect.any(String) });
    });
  });

  describe("knobs", () => {
    it("failNext(n, 429) answers Twilio's 20429 Too Many Requests", async () => {
      twilio.failNext(1, 429);
      const response = await send({ To: "+15558675310", From: "+15005550006", Body: "hi" });
      expect(response.status).toBe(429);
      expect(await response.json()).toEqual({
        code: 20429,
        message: "Too Many Requests",
        more_info: "https://www.twilio.com/docs/errors/20429",
        status: 429,
      });
      expect((await send({ To: "+15558675310", From: "+15005550006", Body: "hi" })).status).toBe(201);
    });

    it("reset() forgets messages, callbacks, requests and queued failures", async () => {
      await send({ To: "+15558675310", From: "+15005550006", Body: "hi", StatusCallback: `${app.url}/sms-status` });
      twilio.failNext(3);
      twilio.reset();
      await twilio.settled();
      expect([twilio.messages(), twilio.callbacks(), twilio.requests()]).toEqual([[], [], []]);
      expect((await send({ To: "+15558675310", From: "+15005550006", Body: "hi" })).status).toBe(201);
    });
  });

  describe("twilioSignature", () => {
    it("signs the URL followed by name+value pairs in name order, HMAC-SHA1, base64", () => {
      const url = "https://app.test/sms-status?order=42";
      const expected = createHmac("sha1", "token").update(`${url}Aa1Bb2Zz3`).digest("base64");
      expect(twilioSignature("token", url, { Zz: "3", Aa: "1", Bb: "2" })).toBe(expected);
    });

    it("includes each distinct value of a repeated parameter, sorted", () => {
      expect(twilioSignature("t", "https://a.test/", { MediaUrl: ["b", "a", "b"] })).toBe(twilioSignature("t", "https://a.test/MediaUrlaMediaUrlb"));
    });
  });
});
