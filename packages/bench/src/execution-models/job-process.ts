/**
 * A process started for one job and gone after it — RQ's forking model, where a work horse is made
 * for every job, in Node terms (a Node process cannot fork, so it is spawned). It pays its start-up
 * (Node itself, plus the heavy start-up when asked) for every job.
 *
 *   node .build/job-process.mjs <start-up entries, 0 for none> <sequence>
 */
import { heavyStartUp, recordEvent } from "./record-event.js";

const [entries, sequence] = process.argv.slice(2).map(Number);
if (entries === undefined || sequence === undefined || !Number.isInteger(entries) || !Number.isInteger(sequence)) {
  throw new Error("usage: job-process <start-up entries> <sequence>");
}
const table = entries > 0 ? heavyStartUp(entries) : undefined;
console.log(JSON.stringify(recordEvent(table, sequence)));
