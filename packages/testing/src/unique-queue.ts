import { randomUUID } from "node:crypto";

/** A name no other test uses: `prefix` and 8 random hex digits, e.g. `q-3f2a9c1b`. */
export function uniqueQueue(prefix = "q"): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
