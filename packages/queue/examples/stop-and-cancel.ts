// examples/stop-and-cancel.ts — cancel a job before it starts; stop one while it runs.
import { Queue, Worker, currentJob, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const crunch = defineTask("examples.crunch", async (seconds: number) => {
  const { signal } = currentJob();
  for (let i = 0; i < seconds * 10; i++) {
    signal.throwIfAborted(); // stop() fires the signal: give up between steps
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return "crunched";
});

const queue = new Queue(queueName("stop"), { connection });
const long = await queue.enqueue(crunch, [60]);
const later = await queue.enqueue(crunch, [1]);
await later.cancel();
console.log(`later is ${await later.getStatus()}`);

const worker = new Worker(queue.name, { connection, tasks: [crunch], logger: false });
const running = worker.run();
while ((await long.getStatus()) !== "started") await new Promise((resolve) => setTimeout(resolve, 50));
await long.stop(); // RQ's stop-job command: Python's send_stop_job_command does the same
await long.waitForResult({ timeout: "5s" }).catch((error: Error) => console.log(error.message));
console.log(`long is ${await long.getStatus()}`);
worker.stop();
await running;
connection.disconnect();
