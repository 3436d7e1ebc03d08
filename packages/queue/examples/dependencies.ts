// examples/dependencies.ts — fan out page jobs, then one report job that waits for all of them.
import { Queue, Worker, defineTask } from "@rqts/queue";
import { connection, queueName } from "./connect.js";

const countWords = defineTask("examples.count-words", (text: string) => text.split(/\s+/).filter(Boolean).length);
const failOnEmpty = defineTask("examples.fail-on-empty", (text: string) => {
  if (!text) throw new Error("empty page");
  return text.length;
});
const report = defineTask("examples.report", (label: string) => `${label}: all pages done`);

const queue = new Queue(queueName("dependencies"), { connection });
const pages = await queue.enqueueMany([
  { task: countWords, args: ["the quick brown fox"] },
  { task: countWords, args: ["jumps over the lazy dog"] },
  { task: failOnEmpty, args: [""] },
]);
// Waits for every page, and still runs when one fails (allowFailure).
const summary = await queue.enqueue(report, ["batch 1"], { dependsOn: { jobs: pages, allowFailure: true } });
// Without allowFailure it would wait for ever once a parent fails: dependencyStatuses() says why.
const strict = await queue.enqueue(report, ["strict"], { dependsOn: pages });
console.log(`before: summary ${summary.status}, strict ${strict.status}`);

await new Worker(queue.name, { connection, tasks: [countWords, failOnEmpty, report], logger: false }).run({ burst: true });
console.log(await summary.returnValue());
console.log(`strict is ${await strict.getStatus()}, waiting on:`, await strict.dependencyStatuses());
connection.disconnect();
