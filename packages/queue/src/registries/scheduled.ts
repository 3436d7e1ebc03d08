/** rq:scheduled:{q}: jobs due later, scored with their due time in whole epoch seconds. */
import { Registry } from "./registry.js";

export class ScheduledJobRegistry extends Registry {}
