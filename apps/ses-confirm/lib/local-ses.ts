/**
 * A local SES for demo mode and tests: `aws-ses-v2-local` (which stores every mail it accepts, lists
 * them as JSON at `/store` and shows them in an inbox page at `/`) on a private port, behind a small
 * front on a free port of 127.0.0.1 that can answer like SES does when it throttles or refuses —
 * which the emulator itself never does. Everything else passes through unchanged.
 *
 * Faults: `throttleNext(n)` answers the next n sends with SES's `Throttling` error ("Maximum sending
 * rate exceeded", HTTP 400); recipients matching `rejectRecipients` get `MessageRejected`, as an
 * unverified address in the SES sandbox does. The demo rejects every address at `rejected.test`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";

/** A mail as the emulator stored it. */
export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { text?: string; html?: string };
  /** When it arrived, in epoch seconds. */
  at: number;
}

/** Options of {@link startLocalSes}. */
export interface LocalSesOptions {
  /** The front's port. @defaultValue a free one */
  port?: number;
  /** Recipients refused with `MessageRejected`. @defaultValue none */
  rejectRecipients?: RegExp;
}

/** A running local SES. */
export interface LocalSes {
  /** The endpoint for the SES client, and the inbox page for a person (`http://127.0.0.1:PORT`). */
  readonly url: string;
  /** Every mail accepted so far, oldest first (read from the emulator's `/store`). */
  emails(): Promise<StoredEmail[]>;
  /** Answers the next `count` sends with SES's Throttling error. */
  throttleNext(count: number): void;
  /** How many sends the front answered with a fault so far. */
  faultsServed(): number;
  close(): Promise<void>;
}

/** `aws-ses-v2-local`'s start function (a CommonJS module: loaded by require, the same under Node and vitest). */
const startEmulator = (createRequire(import.meta.url)("aws-ses-v2-local") as { default: (config: { host: string; port: number }) => Promise<Server> }).default;

/** Starts the emulator and its front; resolves once both listen. */
export async function startLocalSes(options: LocalSesOptions = {}): Promise<LocalSes> {
  const emulator = await startEmulator({ host: "127.0.0.1", port: 0 });
  const emulatorUrl = `http://127.0.0.1:${(emulator.address() as AddressInfo).port}`;
  let throttlesLeft = 0;
  let faults = 0;

  const front = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const fault = faultFor(request, body);
      if (fault) {
        faults++;
        sendSesError(response, fault.code, fault.message);
        return;
      }
      await forward(emulatorUrl, request, body, response);
    }).catch((error: Error) => {
      if (!response.headersSent) response.writeHead(502, { "Content-Type": "text/plain" });
      response.end(`local SES front: ${error.message}`);
    });
  });

  function faultFor(request: IncomingMessage, body: Buffer): { code: string; message: string } | null {
    if (request.method !== "POST" || request.url !== "/") return null;
    const form = new URLSearchParams(body.toString("utf8"));
    if (form.get("Action") !== "SendEmail") return null;
    if (throttlesLeft > 0) {
      throttlesLeft--;
      return { code: "Throttling", message: "Maximum sending rate exceeded." };
    }
    const recipients = [...form.entries()].filter(([key]) => key.startsWith("Destination.")).map(([, value]) => value);
    const rejected = options.rejectRecipients ? recipients.find((address) => options.rejectRecipients!.test(address)) : undefined;
    return rejected ? { code: "MessageRejected", message: `Email address is not verified. The following identities failed the check in region US-EAST-1: ${rejected}` } : null;
  }

  await new Promise<void>((resolve, reject) => front.once("error", reject).listen(options.port ?? 0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  return {
    url,
    async emails() {
      const response = await fetch(`${emulatorUrl}/store`);
      return ((await response.json()) as { emails: StoredEmail[] }).emails;
    },
    throttleNext(count) {
      throttlesLeft = count;
    },
    faultsServed: () => faults,
    async close() {
      front.closeAllConnections();
      emulator.closeAllConnections();
      await Promise.all([new Promise((resolve) => front.close(resolve)), new Promise((resolve) => emulator.close(resolve))]);
    },
  };
}

/** The first link to this app's `/confirm/` page in a mail's text. */
export function confirmationLinkIn(email: StoredEmail): string | null {
  return /https?:\/\/\S+\/confirm\/[A-Za-z0-9_.-]+/.exec(email.body.text ?? "")?.[0] ?? null;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk)).on("end", () => resolve(Buffer.concat(chunks))).on("error", reject);
  });
}

async function forward(target: string, request: IncomingMessage, body: Buffer, response: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string" && !["host", "connection", "content-length", "transfer-encoding"].includes(name)) headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  const answer = await fetch(`${target}${request.url ?? "/"}`, { method: request.method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) });
  const payload = Buffer.from(await answer.arrayBuffer());
  response.writeHead(answer.status, { "Content-Type": answer.headers.get("content-type") ?? "application/octet-stream", "Content-Length": payload.length });
  response.end(payload);
}

/** An error in SES's query-API format, which the AWS SDK turns into an exception named `code`. */
function sendSesError(response: ServerResponse, code: string, message: string): void {
  const xml = `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message.replace(/[<&]/g, "")}</Message></Error><RequestId>local-${Date.now()}</RequestId></ErrorResponse>`;
  response.writeHead(400, { "Content-Type": "text/xml", "Content-Length": Buffer.byteLength(xml) });
  response.end(xml);
}
