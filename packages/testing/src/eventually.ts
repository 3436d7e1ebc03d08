/**
 * Waiting in tests for something that happens in the background (a worker finishing a job, a mail
 * arriving): poll until it holds, or fail saying what was last seen.
 */

/** How often `eventually` calls the probe again. */
const POLL_INTERVAL_MS = 20;
/** How much of the last value a timeout error shows. */
const MAX_SHOWN_CHARS = 500;

/**
 * Calls `probe` every 20 ms until `predicate` holds for what it returns, and resolves with that value.
 * Rejects once `timeoutMs` have passed with an error naming the timeout and the last value (as JSON,
 * cut to 500 characters). An error thrown by `probe` or `predicate` rejects at once.
 */
export async function eventually<T>(probe: () => T | Promise<T>, predicate: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (predicate(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`eventually: the condition did not hold within ${timeoutMs} ms (pass a longer timeoutMs if it is just slow); last value: ${show(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** `value` as JSON, cut to MAX_SHOWN_CHARS; values JSON cannot show (undefined, bigint, cycles) as text. */
function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} chars)` : text;
}
