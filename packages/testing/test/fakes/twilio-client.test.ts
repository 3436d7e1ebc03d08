import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import twilio from "twilio";
import { fakeTwilioHttpClient, startFakeTwilio, twilioSignature, type FakeTwilio } from "../../src/index.js";

describe("the real twilio SDK against the fake, through fakeTwilioHttpClient", () => {
  let fake: FakeTwilio;
  let client: twilio.Twilio;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    client = twilio(fake.accountSid, fake.authToken, { httpClient: fakeTwilioHttpClient(fake.url) });
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("sends an SMS: the fake receives the SDK's form-encoded POST with Basic auth", async () => {
    const message = await client.messages.create({ to: "+15558675310", from: "+15005550006", body: "Sol 1004 is in" });
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message.status).toBe("queued");
    expect(message.dateCreated).toBeInstanceOf(Date);
    expect(message.numSegments).toBe("1");

    const [request] = fake.requests();
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/2010-04-01/Accounts/${fake.accountSid}/Messages.json`);
    expect(request?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request?.userAgent).toMatch(/^twilio-node\//);
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({ To: "+15558675310", From: "+15005550006", Body: "Sol 1004 is in" });
  });

  it("lists and fetches what it sent, following next_page_uri across pages", async () => {
    for (const n of [1, 2, 3]) await client.messages.create({ to: "+15558675310", from: "+15005550006", body: `photo ${n}` });
    const listed = await client.messages.list({ pageSize: 2 });
    expect(listed.map((m) => m.body)).toEqual(["photo 3", "photo 2", "photo 1"]);
    const fetched = await client.messages(listed[0]?.sid ?? "").fetch();
    expect(fetched.body).toBe("photo 3");
  });

  it("surfaces an invalid number as a RestException with code 21211", async () => {
    const error: unknown = await client.messages.create({ to: "12345", from: "+15005550006", body: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(twilio.RestException);
    expect(error).toMatchObject({ status: 400, code: 21211, moreInfo: "https://www.twilio.com/docs/errors/21211" });
  });

  it("surfaces bad credentials as a RestException with code 20003", async () => {
    const intruder = twilio(fake.accountSid, "wrong-token", { httpClient: fakeTwilioHttpClient(fake.url) });
    await expect(intruder.messages.list()).rejects.toMatchObject({ status: 401, code: 20003 });
  });

  it("retries a 429 when the SDK's autoRetry is on", async () => {
    const patient = twilio(fake.accountSid, fake.authToken, {
      httpClient: fakeTwilioHttpClient(fake.url, { autoRetry: true, maxRetryDelay: 20, maxRetries: 3 }),
    });
    fake.failNext(1, 429);
    const message = await patient.messages.create({ to: "+15558675310", from: "+15005550006", body: "eventually" });
    expect(message.body).toBe("eventually");
    expect(fake.requests().map((r) => r.status)).toEqual([429, 201]);
  });

  it("signs callbacks exactly as the SDK's own signing and validation do", () => {
    const url = "https://app.test/sms-status?order=42";
    const params = { MessageSid: "SM123", MessageStatus: "delivered", To: "+15558675310", MediaUrl: ["b", "a"] };
    const signature = twilioSignature(fake.authToken, url, params);
    expect(signature).toBe(twilio.getExpectedTwilioSignature(fake.authToken, url, params));
    expect(twilio.validateRequest(fake.authToken, signature, url, params)).toBe(true);
  });

  it("rejects a baseUrl that is not an absolute URL", () => {
    expect(() => fakeTwilioHttpClient("127.0.0.1:4010")).toThrow(/baseUrl must be an absolute URL/);
  });
});
