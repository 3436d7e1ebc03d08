/** rq:failed:{q}: failed and stopped jobs, scored with the time they expire (now + failure_ttl). */
import { ExpiringRegistry } from "./registry.js";

export class FailedJobRegistry extends ExpiringRegistry {}
