/**
 * The names the confirmation tasks are stored under in Redis. The web app enqueues by these names, so
 * it never loads the tasks' code, the SES client or its credentials.
 */

/** `sendConfirmation(userId)`: render, send through SES, record `email_sent`. */
export const SEND_CONFIRMATION_TASK = "ses_confirm.send_confirmation";
/** The failure callback: marks the user's mail failed once no retry is left. */
export const RECORD_SEND_FAILURE_TASK = "ses_confirm.record_send_failure";
