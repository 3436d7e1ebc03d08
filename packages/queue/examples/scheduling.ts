// examples/scheduling.ts — run a job later: at a time, or after a delay.
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const remind = defineTask("examples.remind", (what: string) => `reminder: ${what}`);
const queue = new Queue(queueName("schedule"), { connection });
const soon = await queue.enqueueIn("1s", remind, ["stand up"]);
const later = await queue.enqueueAt(new Date(Date.now() + 24 * 3600_000), remind, ["renew the certificate"]);
console.log(`soon: ${soon.status}, later: ${later.status}`);

// The scheduler runs inside workers that ask for it; one worker per queue holds its lock at a time.
const worker = new Worker(queue.name, { connection, tasks: [remind], withScheduler: true, logger: false });
const running = worker.run();
console.log(await soon.waitForResult({ timeout: "10s" }));
worker.stop();
await running;
await later.cancel();
console.log(`later: ${await later.getStatus()}`);
connection.disconnect();
