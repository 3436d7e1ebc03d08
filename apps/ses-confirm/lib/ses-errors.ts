/**
 * Which SES failures are worth another try. Throttling ("Maximum sending rate exceeded"), SES's own
 * 5xx and network trouble pass: the queue retries them with backoff. A refusal of this very message
 * (a rejected or unverified address, an unverified sender, a paused account, a bad parameter) will be
 * refused again, so the job fails at once and the page says why.
 */

/** What to do about a failed send. */
export type SendFailureKind = "retry" | "permanent";

const RETRYABLE_CODES = new Set([
  "Throttling",
  "ThrottlingException",
  "TooManyRequestsException",
  "RequestThrottled",
  "ServiceUnavailable",
  "InternalFailure",
  "RequestTimeout",
  "RequestTimeoutException",
]);

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_SOCKET"]);

/** Sorts an error thrown by `SESClient.send` into retry or permanent. */
export function classifySendFailure(error: unknown): SendFailureKind {
  const failure = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  if (failure.name && RETRYABLE_CODES.has(failure.name)) return "retry";
  if (failure.code && NETWORK_CODES.has(failure.code)) return "retry";
  if (failure.$retryable) return "retry"; // the SDK's own judgement, where it gives one
  const status = failure.$metadata?.httpStatusCode;
  if (status === undefined) return "retry"; // no answer from SES at all: the network, not the message
  if (status === 429 || status >= 500) return "retry";
  return "permanent";
}

/** A one-line description of a send failure for the users table: the SES code and its message. */
export function describeSendFailure(error: unknown): string {
  const failure = error as { name?: string; message?: string };
  const message = (failure.message ?? String(error)).split("\n")[0]!.slice(0, 300);
  return failure.name && failure.name !== "Error" ? `${failure.name}: ${message}` : message;
}
