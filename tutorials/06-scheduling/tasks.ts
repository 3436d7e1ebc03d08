// tutorials/06-scheduling/tasks.ts — a reminder, and a report that knows which cron tick it serves.
import { currentJob, defineTask } from "@rqts/queue";

export const sendReminder = defineTask("reminders.send", (what: string) => `reminded: ${what}`);

// A job made by a cron entry carries the tick it serves in meta.scheduled_for (ISO 8601, UTC): a report
// covers that tick's period, not whenever a worker happened to run it.
export const buildReport = defineTask("reports.build", (kind: string) => {
  const tick = currentJob().meta.scheduled_for;
  return `${kind} report for ${typeof tick === "string" ? tick : "no tick"}`;
});
