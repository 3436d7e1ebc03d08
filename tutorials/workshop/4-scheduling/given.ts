// tutorials/workshop/4-scheduling/given.ts — given to you for exercise 4: do not change it.
import { defineTask } from "@rqts/queue";

/** Reminds someone of something: what each reminder job does (a real one would post a chat message). */
export const remind = defineTask("workshop.remind", (what: string) => `reminder: ${what}`);

/** Sends a team its digest: what each job of a digest entry does (a real one would send an e-mail). */
export const sendDigest = defineTask("workshop.send-digest", (team: string) => `digest sent to ${team}`);
