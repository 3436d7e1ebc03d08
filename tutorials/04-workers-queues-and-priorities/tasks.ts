// tutorials/04-workers-queues-and-priorities/tasks.ts — one task that takes a while, so we can watch workers share it.
import { defineTask } from "@rqts/queue";

// "Rendering" a report is a wait of `ms` milliseconds: long enough to see who runs what, and when.
export const renderReport = defineTask("reports.render", async (title: string, ms: number) => {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return `${title} rendered`;
});
