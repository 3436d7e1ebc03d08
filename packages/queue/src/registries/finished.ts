/** rq:finished:{q}: successful jobs, scored with the time they expire (`+inf` for result_ttl -1). */
import { ExpiringRegistry } from "./registry.js";

export class FinishedJobRegistry extends ExpiringRegistry {}
