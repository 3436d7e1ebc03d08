// tutorials/11-worker-execution-models/report-tasks.ts — a task module with a heavy start-up, like Redash's.
import { defineTask } from "@rqts/queue";

// The heavy start-up: a lookup table built when the module loads (think: loading models, warming
// caches, importing a big framework). A worker pays it when it loads the module — once, or per job.
const started = Date.now();
const table = new Map<number, string>();
for (let i = 0; i < 300_000; i++) table.set(i, (i * 2_654_435_761 >>> 0).toString(36));
console.log(`report tasks loaded in process ${process.pid} (start-up ${Date.now() - started} ms)`);

export const classify = defineTask("reports.classify", (n: number) => ({ pid: process.pid, label: table.get(n) }));
