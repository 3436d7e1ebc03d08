"use client";
/**
 * One action as a small form: hidden fields (the CSRF token, the action's name and arguments) and a
 * button. With JavaScript it asks for confirmation first when the action destroys data, posts with
 * `fetch`, shows what the server said (components/action-feedback.tsx) and refreshes the page's data;
 * without JavaScript the form posts normally and the server redirects back.
 */
import { useState, useTransition, type FormEvent } from "react";
import { usePathname, useRouter } from "next/navigation";
import { ACTIONS, CSRF_FIELD, RETURN_FIELD, type ActionName } from "../lib/action-catalog";
import type { ActionContext } from "../lib/page-context";
import { withBasePath } from "../lib/base-path";
import { useActionFeedback, type ActionAnswer } from "./action-feedback";

export interface ActionButtonProps {
  context: ActionContext;
  action: ActionName;
  /** The action's arguments (`jobId`, `queue`, `list`). */
  fields?: Readonly<Record<string, string>>;
  label: string;
  /** Red button: the action deletes or aborts something. @defaultValue false */
  danger?: boolean;
}

interface Answer extends ActionAnswer {
  redirectTo?: string;
}

export function ActionButton({ context, action, fields = {}, label, danger = false }: ActionButtonProps) {
  const router = useRouter();
  const pathname = usePathname();
  const showFeedback = useActionFeedback();
  const [busy, setBusy] = useState(false);
  const [, startTransition] = useTransition();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const question = ACTIONS[action].confirm;
    if (question && !window.confirm(question)) return;
    setBusy(true);
    try {
      const response = await fetch(context.endpoint, { method: "POST", body: new FormData(event.currentTarget), headers: { Accept: "application/json" } });
      const body = (await response.json().catch(() => ({ ok: false, message: `The server answered ${response.status}` }))) as Answer;
      showFeedback(body);
      if (body.ok) startTransition(() => (body.redirectTo ? router.push(body.redirectTo) : router.refresh()));
    } catch (error) {
      showFeedback({ ok: false, message: `Could not reach the dashboard: ${(error as Error).message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form method="post" action={context.endpoint} onSubmit={submit} className="action" data-action={action}>
      <input type="hidden" name={CSRF_FIELD} value={context.csrfToken} />
      <input type="hidden" name="action" value={action} />
      <input type="hidden" name={RETURN_FIELD} value={withBasePath(pathname)} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={danger ? "danger" : undefined} disabled={busy}>
        {label}
      </button>
    </form>
  );
}
