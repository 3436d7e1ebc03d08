// examples/repeat.ts — run a job again after each success (RQ 2.3's Repeat).
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

let runs = 0;
const poll = defineTask("examples.poll", () => `poll #${++runs}`);

const queue = new Queue(queueName("repeat"), { connection });
// Two more runs after the first; interval 0 queues each repeat at once ("1h" would schedule it).
const job = await queue.enqueue(poll, [], { repeat: { times: 2, interval: 0 } });
await new Worker(queue.name, { connection, tasks: [poll], logger: false }).run({ burst: true });
for (const result of (await job.results()).reverse()) console.log(result.type, result.returnValue);
connection.disconnect();
