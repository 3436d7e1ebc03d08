/**
 * The worker process of scenario 7, run with plain `node` from its bundle: it loads one library, runs
 * one worker over the jobs the bench queued, and prints its peak RSS. Nothing else is loaded, so the
 * figure is Node plus that library plus this small harness.
 *
 *   node .build/worker-rss-child.mjs <library> <host> <port> <queue> <jobs> <concurrency>
 */
import { LIBRARIES, type LibraryName } from "../adapters/adapter.js";
import { loadAdapter } from "../adapters/index.js";
import { peakRssMb } from "../runtime/peak-rss.js";
import { processQueued } from "./processing.js";

export interface WorkerRssReport {
  /** Peak resident set size of this process, in MB (2^20 bytes). */
  peakRssMb: number;
  elapsedMs: number;
}

const [library, host, port, queueName, jobs, concurrency] = process.argv.slice(2);
if (!LIBRARIES.includes(library as LibraryName) || !host || !port || !queueName || !jobs || !concurrency) {
  throw new Error(`usage: worker-rss-child <${LIBRARIES.join("|")}> <host> <port> <queue> <jobs> <concurrency>`);
}
const adapter = await (await loadAdapter(library as LibraryName))({ host, port: Number(port) }, queueName);
const elapsedMs = await processQueued(adapter, Number(jobs), Number(concurrency));
await adapter.close();
const report: WorkerRssReport = { peakRssMb: peakRssMb(), elapsedMs };
console.log(JSON.stringify(report));
