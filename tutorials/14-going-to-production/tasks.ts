// tutorials/14-going-to-production/tasks.ts — tasks written for production: idempotent, and honest about their work.
import { pbkdf2Sync } from "node:crypto";
import { Redis } from "ioredis";
import { currentJob, defineTask } from "@rqts/queue";

// One connection per process for the tasks' own writes, opened on first use: a worker process and each
// child of `--isolation process` get their own.
let connection: Redis | undefined;
function redis(): Redis {
  connection ??= new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  return connection;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Sending an invoice takes a few steps (render, store, …), one second each here, printed as they go so a
// deploy can be watched. The send itself is the last step and is idempotent: the first job to send an
// invoice records its id with SET NX, and any later run — a retry, a job abandoned by a killed worker,
// a double click that enqueued it twice — finds the mark and sends nothing.
export const sendInvoice = defineTask("invoices.send", async (invoiceId: string, steps: number) => {
  const { id } = currentJob();
  for (let step = 1; step < steps; step++) {
    console.log(`invoice ${invoiceId}: step ${step}/${steps}`);
    await pause(1000);
  }
  const first = await redis().set(`tutorial14:invoice-sent:${invoiceId}`, id, "NX");
  if (first !== "OK") return `invoice ${invoiceId} already sent by job ${await redis().get(`tutorial14:invoice-sent:${invoiceId}`)}: skipped`;
  console.log(`invoice ${invoiceId}: step ${steps}/${steps}, sent`);
  return `invoice ${invoiceId} sent`;
});

// CPU-bound work: it blocks its process's event loop while it runs. Run it in a worker with
// `--isolation process`, so it blocks a child, not the worker's heartbeats, and a timeout can kill it.
export const hashArchive = defineTask("archives.hash", (name: string, rounds: number) => {
  const digest = pbkdf2Sync(name, "tutorial-14", rounds, 32, "sha256").toString("hex");
  return `${name} ${digest.slice(0, 12)} (pid ${process.pid})`;
});
