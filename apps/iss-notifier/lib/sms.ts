/**
 * Sending and listing SMS with the real `twilio` SDK. In production it talks to api.twilio.com; in
 * demo mode and tests the same SDK is pointed at the local fake Twilio through a custom RequestClient
 * (`fakeTwilioHttpClient`), since the SDK has no base-URL option.
 *
 * Twilio's 4xx answers (21211 invalid number, 21610 unsubscribed recipient…) will fail the same way
 * every time, so they become `UnrecoverableError` (no retries); 429 and 5xx stay retryable.
 */
import twilio from "twilio";
import { UnrecoverableError } from "@rqts/queue";
import type { IssConfig } from "./config";

/** A message as the app shows it. */
export interface SentSms {
  sid: string;
  to: string;
  body: string;
  status: string;
  dateCreated: Date | null;
}

/** What the tasks and pages need from Twilio. */
export interface SmsGateway {
  send(to: string, body: string): Promise<SentSms>;
  /** The account's most recent messages, newest first. */
  recent(limit: number): Promise<SentSms[]>;
}

type TwilioClient = ReturnType<typeof twilio>;

/** A gateway for `config`: the fake Twilio in demo mode, Twilio in production. */
export async function createSmsGateway(config: Pick<IssConfig, "mode" | "twilioUrl" | "accountSid" | "authToken" | "sender">): Promise<SmsGateway> {
  let httpClient;
  if (config.mode === "demo" && config.twilioUrl) {
    // Only demo mode needs the test kit, so production never loads it; the bundler is told to leave
    // the import to Node at run time (the kit starts processes, which bundles must not carry).
    const { fakeTwilioHttpClient } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ "@rqts/testing")) as typeof import("@rqts/testing");
    httpClient = fakeTwilioHttpClient(config.twilioUrl);
  }
  const client: TwilioClient = twilio(config.accountSid, config.authToken, httpClient ? { httpClient } : {});
  return {
    async send(to, body) {
      try {
        return view(await client.messages.create({ to, body, ...config.sender }));
      } catch (error) {
        const { status, code, message } = error as { status?: number; code?: number; message: string };
        if (status !== undefined && status >= 400 && status < 500 && status !== 429) {
          throw new UnrecoverableError(`Twilio refused the SMS to ${to} (error ${code ?? status}): ${message}`);
        }
        throw error;
      }
    },
    async recent(limit) {
      return (await client.messages.list({ limit })).map(view);
    },
  };
}

function view(message: { sid: string; to: string; body: string; status: string; dateCreated: Date | null }): SentSms {
  return { sid: message.sid, to: message.to, body: message.body, status: message.status, dateCreated: message.dateCreated };
}
