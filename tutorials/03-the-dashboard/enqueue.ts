// tutorials/03-the-dashboard/enqueue.ts — a morning's billing jobs on the "billing" queue, one or more
// for each list the dashboard shows. Usage: npx tsx tutorials/03-the-dashboard/enqueue.ts
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { CUSTOMERS_KEY, buildReport, remindCustomer, sendInvoice } from "./tasks.js";

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("billing", { connection });

// Three customers have an e-mail address on file; umbrella has none yet.
await connection.hset(CUSTOMERS_KEY, { acme: "accounts@acme.example", globex: "billing@globex.example", initech: "ap@initech.example" });

const jobs = [
  await queue.enqueue(sendInvoice, ["acme", 12_000], { jobId: "invoice-acme" }),
  await queue.enqueue(sendInvoice, ["globex", 4_500], { jobId: "invoice-globex" }),
  await queue.enqueue(sendInvoice, ["initech", 990], { jobId: "invoice-initech" }),
  await queue.enqueue(sendInvoice, ["umbrella", 25_000], { jobId: "invoice-umbrella" }), // fails: no address
  await queue.enqueue(sendInvoice, ["hooli", -300], { jobId: "invoice-hooli" }), // fails: a bad amount
  await queue.enqueue(buildReport, ["2025-06", 15], { jobId: "report-june" }), // runs for 15 s
];
// A reminder due in a day, and a late fee that waits for it: deferred until the reminder has run.
const reminder = await queue.enqueueIn("24h", remindCustomer, ["initech"], { jobId: "reminder-initech" });
jobs.push(reminder);
jobs.push(await queue.enqueue(sendInvoice, ["initech", 500], { jobId: "late-fee-initech", dependsOn: [reminder] }));
// An invoice the customer paid before it went out: canceled, so it never runs.
const paid = await queue.enqueue(sendInvoice, ["globex", 700], { jobId: "invoice-globex-paid" });
await paid.cancel();
jobs.push(paid);

for (const job of jobs) console.log(`${job.id.padEnd(20)} ${(await job.getStatus()).padEnd(10)} ${job.description}`);
connection.disconnect();
