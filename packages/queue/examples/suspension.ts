// examples/suspension.ts — pause every worker (e.g. during a deploy), then let them go on.
import { Queue, Worker, defineTask, resumeWorkers, suspendWorkers } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const work = defineTask("examples.work", () => "done");
const queue = new Queue(queueName("suspend"), { connection });
const job = await queue.enqueue(work, []);

await suspendWorkers(connection, { duration: "10m" }); // rq:suspended, as `rq suspend` writes it
await new Worker(queue.name, { connection, tasks: [work], logger: false }).run({ burst: true }); // exits at once
console.log(`while suspended: ${await job.getStatus()}`);

await resumeWorkers(connection);
await new Worker(queue.name, { connection, tasks: [work], logger: false }).run({ burst: true });
console.log(`after resume: ${await job.getStatus()}`);
connection.disconnect();
