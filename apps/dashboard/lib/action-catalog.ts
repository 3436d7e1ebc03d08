/**
 * The names of the dashboard's actions and the form fields they post, shared by the server (which
 * runs them: lib/actions.ts) and the browser (which asks before the destructive ones:
 * components/action-button.tsx). It imports nothing, so the browser bundle stays free of server code.
 */

/** Every action, with the question a browser asks before it runs (destructive ones only). */
export const ACTIONS = {
  requeue: { confirm: undefined },
  "requeue-failed": { confirm: "Requeue every failed job shown here?" },
  delete: { confirm: "Delete this job and its results? This cannot be undone." },
  cancel: { confirm: "Cancel this job? It will not run." },
  stop: { confirm: "Stop this running job? Its worker aborts it and records it as stopped." },
  empty: { confirm: "Delete every job in this list? This cannot be undone." },
  suspend: { confirm: "Suspend all workers? They finish running jobs but take no new ones." },
  resume: { confirm: undefined },
} as const satisfies Record<string, { confirm: string | undefined }>;

export type ActionName = keyof typeof ACTIONS;

/** The form field that carries the CSRF token. */
export const CSRF_FIELD = "csrf";

/** The form field naming where a form posted without JavaScript returns to. */
export const RETURN_FIELD = "returnTo";
