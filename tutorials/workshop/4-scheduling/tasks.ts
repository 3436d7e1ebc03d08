// tutorials/workshop/4-scheduling/tasks.ts — exercise 4: a reminder later, a digest every day.
// Check your work: npm run workshop -w @rqts/tutorials -- 4
import type { CronEntry, Job, Queue } from "@rqts/queue";
import { remind, sendDigest } from "./given.js";

// remind and sendDigest come from given.ts; the checker runs them, so they are exported from here too.
export { remind, sendDigest };

// TODO 1: enqueue remind(what) on `queue` to run in `seconds` seconds (queue.enqueueIn), and return the
// job. No worker may see it before then. Careful: a delay given as a plain number is in milliseconds.
export async function remindLater(queue: Queue, what: string, seconds: number): Promise<Job<string>> {
  throw new Error(`TODO 1: remindLater on ${queue.name} of "${what}" in ${seconds} s is not written yet`);
}

// TODO 2: register an interval entry on `queue` (queue.schedule) that runs sendDigest(team) now, then
// every day, with the id `digest-${team}` so that registering it again at the app's next start changes
// nothing; return the entry.
export async function scheduleDigest(queue: Queue, team: string): Promise<CronEntry> {
  throw new Error(`TODO 2: scheduleDigest on ${queue.name} for the team "${team}" is not written yet`);
}
