// tutorials/workshop/2-reliable-tasks/rate-service.ts — a currency-rate API that fails like real ones do.
// Given to you: do not change it. Its first two calls about each currency fail with a passing error.

/** The currencies the service knows; any other code can never succeed. */
export const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(["EUR", "GBP", "JPY", "CHF"]);
const RATES: Readonly<Record<string, number>> = { EUR: 0.92, GBP: 0.79, JPY: 151.2, CHF: 0.88 };

const calls = new Map<string, number>();

/** The US-dollar rate of `currency`; throws "service unavailable" on the first two calls about it. */
export async function fetchUsdRate(currency: string): Promise<number> {
  const call = (calls.get(currency) ?? 0) + 1;
  calls.set(currency, call);
  if (call < 3) throw new Error(`rate service unavailable (call ${call} for ${currency})`);
  const rate = RATES[currency];
  if (rate === undefined) throw new Error(`rate service: unknown currency ${currency}`);
  return rate;
}
