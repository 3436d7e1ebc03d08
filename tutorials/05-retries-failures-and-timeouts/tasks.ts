// tutorials/05-retries-failures-and-timeouts/tasks.ts — tasks that fail in the ways real ones do.
import { UnrecoverableError, currentJob, defineTask } from "@rqts/queue";

// A carrier API that is down for the first two calls about each order, then answers. The count lives in
// the worker's memory: enough to show retries, and the reason a real task must not rely on it.
const callsPerOrder = new Map<string, number>();
export const quoteShipping = defineTask("shipping.quote", (orderId: string) => {
  const call = (callsPerOrder.get(orderId) ?? 0) + 1;
  callsPerOrder.set(orderId, call);
  if (call < 3) throw new Error(`carrier API unavailable (call ${call} for ${orderId})`);
  return `${orderId}: 4.90 EUR`;
});

// Some input can never succeed: retrying it only wastes the retries, so fail at once.
export const chargeCard = defineTask("payments.charge", (cardNumber: string, cents: number) => {
  if (!/^\d{16}$/.test(cardNumber)) throw new UnrecoverableError(`not a card number: ${cardNumber}`);
  return `charged ${cents} cents`;
});

// A task that listens to its AbortSignal: at the job's timeout the wait ends at once.
export const buildExport = defineTask("exports.build", async (seconds: number) => {
  const { signal } = currentJob();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, seconds * 1000);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
  return `export of ${seconds} s built`;
});

// A task that ignores the signal. The job is still failed at its timeout, but an inline worker cannot
// kill a running JavaScript function: this one goes on in the background and prints when it is done.
export const ignoreTimeout = defineTask("exports.stubborn", async (seconds: number) => {
  const id = currentJob().id;
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  console.log(`exports.stubborn ${id} still ran to its end, ${seconds} s after it started`);
  return "too late";
});
