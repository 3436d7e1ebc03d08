// examples/events.ts — follow jobs live from another process (here: the same one) without polling.
import { Queue, QueueEvents, Worker, currentJob, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const resize = defineTask("examples.resize", async (images: number) => {
  for (let done = 1; done <= images; done++) await currentJob().setProgress(done / images);
  return `${images} images resized`;
});

const queue = new Queue(queueName("events"), { connection });
const events = new QueueEvents(queue.name, { connection });
events.on("started", (e) => console.log(`${e.event} by a worker`));
events.on("progress", (e) => console.log(`progress ${Math.round(Number(e.progress) * 100)}%`));
events.on("finished", (e) => console.log(`finished: ${String(e.returnValue)}`));
events.on("failed", (e) => console.log(`failed: ${e.error}`));
await events.ready(); // subscribe first, then enqueue: pub/sub does not replay the past

await queue.enqueue(resize, [4]);
await new Worker(queue.name, { connection, tasks: [resize], logger: false }).run({ burst: true });
await new Promise((resolve) => setTimeout(resolve, 100)); // let the last message arrive
await events.close();
connection.disconnect();
