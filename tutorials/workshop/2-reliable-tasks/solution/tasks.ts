// tutorials/workshop/2-reliable-tasks/solution/tasks.ts — exercise 2, solved.
import { UnrecoverableError, defineTask, type EnqueueOptions } from "@rqts/queue";
import { KNOWN_CURRENCIES, fetchUsdRate } from "../rate-service.js";

export const convert = defineTask("workshop.convert", async (currency: string, dollars: number) => {
  // Checked before the call: retrying a code the service will never know only delays the bad news.
  if (!KNOWN_CURRENCIES.has(currency)) throw new UnrecoverableError(`unknown currency: ${currency}`);
  const rate = await fetchUsdRate(currency);
  return Math.round(dollars * rate * 100) / 100;
});

export const convertJobOptions: EnqueueOptions = {
  retry: { max: 3, backoff: { type: "exponential", delay: "100ms", maxDelay: "1s" } },
};
