/**
 * Every task the ses-confirm worker runs. The web app enqueues by task name only, so it never loads
 * the SES client or its credentials.
 */
export { createSendConfirmationTasks, confirmationLink } from "./send-confirmation";
export type { SendConfirmationDeps, SendOutcome } from "./send-confirmation";
