// tutorials/03-the-dashboard/tasks.ts — billing tasks whose jobs end up in every list the dashboard shows.
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { currentJob, defineTask } from "@rqts/queue";

// The customer directory: a Redis hash of customer → e-mail address (in a real app, your database).
export const CUSTOMERS_KEY = "tutorial:customers";
let directory: Redis | undefined;
const customers = () => (directory ??= new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379"));

// Fails while the customer has no e-mail address on file: a failure that fixing the data cures.
export const sendInvoice = defineTask("billing.send_invoice", async (customer: string, cents: number) => {
  if (!Number.isInteger(cents) || cents <= 0) throw new Error(`the amount must be a positive number of cents, got ${cents}`);
  const email = await customers().hget(CUSTOMERS_KEY, customer);
  if (!email) throw new Error(`no e-mail address on file for customer ${customer}`);
  return `invoice of ${cents} cents sent to ${email}`;
});

// Takes `seconds`: long enough to catch the job in the started registry.
export const buildReport = defineTask("billing.build_report", async (month: string, seconds: number) => {
  await sleep(seconds * 1000, undefined, { signal: currentJob().signal });
  return `report for ${month} built`;
});

// Scheduled for later (a payment reminder), so the scheduled registry has a job.
export const remindCustomer = defineTask("billing.remind", (customer: string) => `reminder sent to ${customer}`);
