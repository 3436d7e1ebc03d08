// tutorials/workshop/4-scheduling/solution/tasks.ts — exercise 4, solved.
import type { CronEntry, Job, Queue } from "@rqts/queue";
import { remind, sendDigest } from "../given.js";

// remind and sendDigest come from given.ts; the checker runs them, so they are exported from here too.
export { remind, sendDigest };

export async function remindLater(queue: Queue, what: string, seconds: number): Promise<Job<string>> {
  // With its unit: a plain number would be milliseconds. It waits in the scheduled registry until due.
  return queue.enqueueIn(`${seconds}s`, remind, [what]);
}

export async function scheduleDigest(queue: Queue, team: string): Promise<CronEntry> {
  // A stable id: registering the same entry at every start keeps one entry, and the time it first ran.
  return queue.schedule({ id: `digest-${team}`, interval: "1d" }, sendDigest, [team]);
}
