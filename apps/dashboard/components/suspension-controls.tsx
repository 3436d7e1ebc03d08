/** Whether workers are suspended, and the action that changes it. */
import type { ActionContext } from "../lib/page-context";
import { ActionButton } from "./action-button";

export function SuspensionControls({ suspended, actions }: { suspended: boolean; actions: ActionContext | undefined }) {
  return (
    <div className={suspended ? "banner suspended" : undefined} role={suspended ? "alert" : undefined}>
      {suspended ? "Workers are suspended: they take no new jobs. " : null}
      {actions &&
        (suspended ? (
          <ActionButton context={actions} action="resume" label="Resume workers" />
        ) : (
          <ActionButton context={actions} action="suspend" label="Suspend workers" danger />
        ))}
    </div>
  );
}
