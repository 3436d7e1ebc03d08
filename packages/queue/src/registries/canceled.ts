/** rq:canceled:{q}: canceled jobs, scored with the cancel time. Never cleaned (as in RQ); delete them. */
import { Registry } from "./registry.js";

export class CanceledJobRegistry extends Registry {}
