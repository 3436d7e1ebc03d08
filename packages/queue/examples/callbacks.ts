// examples/callbacks.ts — run a task after a job succeeds or finally fails.
import { type Job, Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const charge = defineTask("examples.charge", (cents: number) => {
  if (cents <= 0) throw new RangeError(`cannot charge ${cents} cents`);
  return { charged: cents };
});
// A callback is a task too: stored by name (as RQ stores it) and run by the worker after the job.
const sendReceipt = defineTask("examples.send-receipt", (job: Job, result: { charged: number }) => {
  console.log(`receipt for ${job.id}: ${result.charged} cents`);
});
const alertTeam = defineTask("examples.alert-team", (job: Job, error: Error) => {
  console.log(`alert: ${job.description} failed with ${error.message}`);
});

const queue = new Queue(queueName("callbacks"), { connection });
await queue.enqueue(charge, [1250], { onSuccess: sendReceipt, onFailure: alertTeam });
await queue.enqueue(charge, [-5], { onSuccess: sendReceipt, onFailure: { task: alertTeam, timeout: "10s" } });
await new Worker(queue.name, { connection, tasks: [charge, sendReceipt, alertTeam], logger: false }).run({ burst: true });
connection.disconnect();
