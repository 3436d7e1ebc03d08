/**
 * The names of the app's tasks: what Redis stores for each job. The web app enqueues by name, so it never
 * loads the task code (nor the Twilio SDK's sending side); the worker registers the tasks under these names.
 */
export const TASK_NAMES = {
  sendWelcome: "iss.send-welcome",
  notifyPass: "iss.notify-pass",
  refreshTle: "iss.refresh-tle",
} as const;
