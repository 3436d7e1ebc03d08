/**
 * A Python-style call string, `mod.fn(1, 'a', k=2)`: RQ's default job description, shown by
 * `rq info`, rq-dashboard and our own dashboard.
 */

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === "string") return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`);
    return `{${entries.join(", ")}}`;
  }
  return String(value);
}

/** `wordcount.count('https://example.com', depth=2)`. */
export function callString(taskName: string, args: readonly unknown[], kwargs: Record<string, unknown> = {}): string {
  const parts = [
    ...args.map(pythonRepr),
    ...Object.entries(kwargs).map(([key, value]) => `${key}=${pythonRepr(value)}`),
  ];
  return `${taskName}(${parts.join(", ")})`;
}
