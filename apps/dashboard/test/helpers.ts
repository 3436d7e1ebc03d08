/**
 * Test helpers of the dashboard. The ones every package's tests share (`useRedis`, `uniqueQueue`,
 * `eventually`) come from @rqts/testing and @rqts/testing/vitest.
 */

/** A form as the action route receives it. */
export function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}
