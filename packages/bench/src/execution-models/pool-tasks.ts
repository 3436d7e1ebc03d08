/**
 * The task module of rqts's process pool (`isolation: "process"`, `tasksModule`): each child imports
 * it once, so the heavy start-up at its top level is paid once per child, never per job.
 */
import { defineTask } from "@rqts/queue";
import { RECORD_EVENT_TASK, START_UP_ENTRIES_ENV, heavyStartUp, recordEvent } from "./record-event.js";

const entries = Number(process.env[START_UP_ENTRIES_ENV] ?? 0);
const table = entries > 0 ? heavyStartUp(entries) : undefined;

export const recordEventTask = defineTask(RECORD_EVENT_TASK, (sequence: number) => recordEvent(table, sequence));
