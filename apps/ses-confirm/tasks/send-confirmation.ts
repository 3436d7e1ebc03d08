/**
 * `sendConfirmation(userId)`: renders the confirmation mail with a fresh signed link, sends it through
 * SES and writes the outcome back to the users table — `email_sent` on success, so the page can show
 * it. A throttled or unavailable SES throws a plain error (the queue retries it with backoff and
 * jitter); a refusal of the message throws `UnrecoverableError` (no retry: it would be refused again).
 * `recordSendFailure` runs once on the final failure, whichever it was, and marks the user failed.
 */
import { type Job, UnrecoverableError, defineTask } from "@rqts/queue";
import type { SESClient } from "@aws-sdk/client-ses";
import { renderConfirmationEmail } from "../lib/confirmation-email";
import { classifySendFailure, describeSendFailure } from "../lib/ses-errors";
import { sendEmail } from "../lib/ses";
import { RECORD_SEND_FAILURE_TASK, SEND_CONFIRMATION_TASK } from "../lib/task-names";
import { signToken } from "../lib/token";
import type { UserStore } from "../lib/users";


/** What the tasks need: where users live, how to reach SES, and what to put in the mail. */
export interface SendConfirmationDeps {
  users: UserStore;
  ses: SESClient;
  /** The sender address (an SES-verified identity in production). */
  from: string;
  /** The web app's address as people reach it; links are `${publicUrl}/confirm/<token>`. */
  publicUrl: string;
  /** The HMAC secret the web app verifies tokens with. */
  secret: string;
}

/** What a finished job returns (shown by `rqts job`). */
export type SendOutcome = { sent: true; messageId: string } | { sent: false; reason: string };

/** The confirmation link for a user. */
export function confirmationLink(publicUrl: string, userId: number, email: string, secret: string): string {
  return `${publicUrl}/confirm/${signToken({ userId, email }, secret)}`;
}

/** Both tasks, bound to `deps`. */
export function createSendConfirmationTasks(deps: SendConfirmationDeps) {
  const sendConfirmation = defineTask(SEND_CONFIRMATION_TASK, async (userId: number): Promise<SendOutcome> => {
    if (!Number.isSafeInteger(userId) || userId < 1) throw new UnrecoverableError(`userId must be a positive integer, got ${JSON.stringify(userId)}`);
    const user = deps.users.get(userId);
    if (!user) throw new UnrecoverableError(`No user ${userId}: it was removed before its mail was sent`);
    // A retry after SES accepted the mail (the worker died before finishing) must not mail twice.
    if (user.emailSent) return { sent: false, reason: "already sent" };
    if (user.confirmed) return { sent: false, reason: "already confirmed" };

    // #region send
    const mail = renderConfirmationEmail(user.email, confirmationLink(deps.publicUrl, user.id, user.email, deps.secret));
    let messageId: string;
    try {
      messageId = await sendEmail(deps.ses, { from: deps.from, to: user.email, ...mail });
    } catch (error) {
      const reason = describeSendFailure(error);
      if (classifySendFailure(error) === "permanent") throw new UnrecoverableError(`SES refused the mail: ${reason}`);
      deps.users.markRetrying(user.id, reason);
      throw new Error(`SES did not take the mail: ${reason}`);
    }
    deps.users.markEmailSent(user.id, messageId);
    return { sent: true, messageId };
    // #endregion send
  });

  const recordSendFailure = defineTask(RECORD_SEND_FAILURE_TASK, (job: Job, error: Error) => {
    const userId = job.args[0];
    if (typeof userId === "number") deps.users.markSendFailed(userId, error.message);
  });

  return { sendConfirmation, recordSendFailure };
}
