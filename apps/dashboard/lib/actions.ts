/**
 * The dashboard's actions, each one call of the library's inspector (so each moves jobs with the same
 * atomic scripts as workers do). `runAction` takes the posted form fields, checks them, acts, and
 * says what it did in a sentence the page shows. Authentication, read-only mode and CSRF are checked
 * before it is called (lib/action-guard.ts).
 */
import type { Inspector } from "@rqts/queue";
import { ACTIONS, type ActionName } from "./action-catalog";
import { InvalidInputError } from "./errors";
import { parseJobId, parseJobList, parseQueueName } from "./params";

/** What an action did: a sentence for the page, and where to go when the current page no longer exists. */
export interface ActionOutcome {
  message: string;
  /** A dashboard path (without the base path), e.g. after deleting the job being shown. */
  redirectTo?: string;
}

/** Reads a posted field as text (`File` uploads are refused). */
export type FormFields = { get(name: string): FormDataEntryValue | null };

function text(form: FormFields, field: string): string | undefined {
  const value = form.get(field);
  if (value === null) return undefined;
  if (typeof value !== "string") throw new InvalidInputError(field, "must be text, not a file");
  return value;
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString("en-US")} ${noun}${count === 1 ? "" : "s"}`;
}

/** Checks that the name is an action. */
export function parseActionName(value: string | undefined): ActionName {
  if (value !== undefined && Object.hasOwn(ACTIONS, value)) return value as ActionName;
  throw new InvalidInputError("action", `must be one of ${Object.keys(ACTIONS).join(", ")}, got "${value ?? ""}"`);
}

/** Runs the action the form names against one Redis instance. */
export async function runAction(inspector: Inspector, instanceIndex: number, form: FormFields): Promise<ActionOutcome> {
  const action = parseActionName(text(form, "action"));
  const jobId = () => parseJobId(text(form, "jobId"), "jobId");
  switch (action) {
    case "requeue": {
      const id = jobId();
      await inspector.requeueJob(id);
      return { message: `Requeued job ${id}` };
    }
    case "requeue-failed": {
      const queue = text(form, "queue");
      const queues = queue === undefined || queue === "" ? undefined : [parseQueueName(queue)];
      const { requeued, skipped } = await inspector.requeueFailed({ queues });
      const skippedNote = skipped.length > 0 ? `; ${plural(skipped.length, "job")} skipped (${skipped[0]!.reason})` : "";
      return { message: `Requeued ${plural(requeued.length, "failed job")}${skippedNote}` };
    }
    case "delete": {
      const id = jobId();
      const { queue } = await inspector.job(id);
      await inspector.deleteJob(id);
      return { message: `Deleted job ${id}`, redirectTo: `/${instanceIndex}/queues/${encodeURIComponent(queue)}/queued` };
    }
    case "cancel": {
      const id = jobId();
      await inspector.cancelJob(id);
      return { message: `Canceled job ${id}` };
    }
    case "stop": {
      const id = jobId();
      const heard = await inspector.stopJob(id);
      return {
        message: heard > 0 ? `Asked the worker running job ${id} to stop it` : `No worker heard the stop command for job ${id}: its worker is gone`,
      };
    }
    case "empty": {
      const queue = parseQueueName(text(form, "queue"));
      const list = parseJobList(text(form, "list"));
      const removed = await inspector.empty(queue, list);
      return { message: `Deleted ${plural(removed, "job")} from ${list} of ${queue}` };
    }
    case "suspend":
      await inspector.suspend();
      return { message: "Workers are suspended: they take no new jobs until resumed" };
    case "resume":
      await inspector.resume();
      return { message: "Workers resumed" };
  }
}
