/** rq:deferred:{q}: jobs waiting for their dependencies, scored with the time they were deferred. */
import { Registry } from "./registry.js";

export class DeferredJobRegistry extends Registry {}
