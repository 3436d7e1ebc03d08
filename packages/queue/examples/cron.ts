// examples/cron.ts — run a task on a cron pattern in a time zone, or every interval; list, pause, remove.
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const report = defineTask("examples.report", (kind: string) => `${kind} report sent`);
const queue = new Queue(queueName("cron"), { connection });

// Weekdays at 09:00 Berlin time, summer or winter. Registering it again at the next start changes nothing.
const weekday = await queue.cron({ id: "weekday-report", pattern: "0 9 * * 1-5", timezone: "Europe/Berlin" }, report, ["weekday"]);
console.log(`weekday-report: next at ${weekday.nextRun!.toLocaleTimeString("en-GB", { timeZone: "Europe/Berlin" })} in Berlin`);
// Every second (6 fields, seconds first), three jobs in all; then the entry removes itself.
await queue.cron({ id: "heartbeat", pattern: "* * * * * *", repeat: 3 }, report, ["heartbeat"]);
// Every hour, the first in ten minutes (rq-scheduler's schedule(interval=3600)).
await queue.schedule({ id: "hourly-sync", in: "10m", interval: "1h" }, report, ["sync"]);

// Workers with the scheduler serve the entries: one of them holds the queue's lock and enqueues each tick once.
const worker = new Worker(queue.name, { connection, tasks: [report], withScheduler: true, logger: false });
let finished = 0;
worker.on("job:finished", (_job, value) => {
  console.log(value);
  if (++finished === 3) worker.stop();
});
await worker.run();

console.log(`heartbeat entry: ${(await queue.cronEntries.get("heartbeat")) ?? "used up, removed"}`);
await queue.cronEntries.pause("weekday-report");
const left = await queue.cronEntries.list(); // by next run; paused entries last
console.log(`entries: ${left.map((entry) => `${entry.id}${entry.paused ? " (paused)" : ""}`).join(", ")}`);
for (const entry of left) await queue.cronEntries.remove(entry.id);
connection.disconnect();
