// examples/unique-jobs.ts — refuse to enqueue a job whose id exists already.
import { DuplicateJobError, Queue, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const sendDigest = defineTask("examples.send-digest", (userId: number) => `digest sent to ${userId}`);
const queue = new Queue(queueName("unique"), { connection });
const jobId = `digest-user-42-${new Date().toISOString().slice(0, 10)}`; // one digest per user per day
await queue.enqueue(sendDigest, [42], { jobId, unique: true });
try {
  await queue.enqueue(sendDigest, [42], { jobId, unique: true });
} catch (error) {
  if (error instanceof DuplicateJobError) console.log(`refused: ${error.message}`);
}
console.log(`queued jobs: ${await queue.count()}`);
await queue.empty();
connection.disconnect();
