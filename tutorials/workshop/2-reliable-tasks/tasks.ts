// tutorials/workshop/2-reliable-tasks/tasks.ts — exercise 2: a flaky service made reliable, bad input failed at once.
// Check your work: npm run workshop -w @rqts/tutorials -- 2
import { defineTask, type EnqueueOptions } from "@rqts/queue";
import { KNOWN_CURRENCIES, fetchUsdRate } from "./rate-service.js";

// TODO 1: a currency code that is not in KNOWN_CURRENCIES can never succeed: throw an UnrecoverableError
// (from @rqts/queue) before calling the service, so no retry is wasted on it.
export const convert = defineTask("workshop.convert", async (currency: string, dollars: number) => {
  const rate = await fetchUsdRate(currency);
  return Math.round(dollars * rate * 100) / 100;
});
void KNOWN_CURRENCIES; // remove this line once TODO 1 uses it

// TODO 2: the service fails its first two calls about each currency. Give convert jobs a retry policy
// that survives that: at least 2 retries, with an exponential backoff starting at 100 ms (short, so the
// check is quick; in production you would start at seconds).
export const convertJobOptions: EnqueueOptions = {};
