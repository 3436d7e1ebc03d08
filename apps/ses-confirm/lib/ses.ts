/**
 * The SES client. Production uses Amazon SES with the standard AWS credential chain (environment,
 * shared config, instance or task role) — credentials live only where the worker runs. Demo mode and
 * tests point the same client at a local SES emulator on 127.0.0.1, which wants some credentials but
 * checks none.
 */
import { SESClient, SendEmailCommand } from "@aws-sdk/client-ses";
import type { RenderedEmail } from "./confirmation-email";

/** How to reach SES. */
export interface SesSettings {
  /** The AWS region (AWS_REGION). */
  region: string;
  /** A local SES emulator's URL; absent in production. */
  endpoint?: string;
}

// #region client
/** A client that tries once: retries belong to the queue, where they wait without holding the worker. */
export function createSesClient(settings: SesSettings): SESClient {
  return new SESClient({
    region: settings.region,
    maxAttempts: 1,
    ...(settings.endpoint ? { endpoint: settings.endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
}
// #endregion client

/** Sends one mail with `SendEmailCommand` (SES API v1, as the tutorial's boto3 `send_email`); resolves SES's message id. */
export async function sendEmail(client: SESClient, message: { from: string; to: string } & RenderedEmail): Promise<string> {
  const output = await client.send(
    new SendEmailCommand({
      Source: message.from,
      Destination: { ToAddresses: [message.to] },
      Message: {
        Subject: { Data: message.subject, Charset: "UTF-8" },
        Body: { Text: { Data: message.text, Charset: "UTF-8" }, Html: { Data: message.html, Charset: "UTF-8" } },
      },
    }),
  );
  if (!output.MessageId) throw new Error("SES accepted the mail but returned no MessageId");
  return output.MessageId;
}
