// tutorials/14-going-to-production/monitor.ts — a health check for cron, a probe or an alerting system.
//   npx tsx tutorials/14-going-to-production/monitor.ts [--minutes 5] [queue…]     default: every queue
// Prints one line per queue and exits 1 when one needs a human: jobs waiting and no worker listening,
// or more failures than successes in the last minutes.
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { Inspector, throughput } from "@rqts/queue";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { minutes: { type: "string", default: "5" } } });
const minutes = Number(values.minutes);
if (!Number.isInteger(minutes) || minutes < 1 || minutes > 120) {
  console.error("usage: npx tsx tutorials/14-going-to-production/monitor.ts [--minutes 1..120] [queue…]");
  process.exit(2);
}

const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const inspector = new Inspector(connection);
let alerts = 0;
for (const queue of await inspector.queues(positionals.length ? positionals : undefined)) {
  // throughput() reads the per-minute counters the workers keep (rq:throughput:{queue}:{minute}).
  const recent = await throughput(connection, queue.name, { minutes });
  const finished = recent.reduce((sum, point) => sum + point.finished, 0);
  const failed = recent.reduce((sum, point) => sum + point.failed, 0);
  const { workers } = await inspector.workers({ queue: queue.name });
  const listening = workers.filter((worker) => worker.death === undefined).length;
  const { queued, started } = queue.counts;
  console.log(`${queue.name}: ${queued} queued, ${started} started · last ${minutes} min: ${finished} finished, ${failed} failed · ${listening} worker(s)`);
  const problems = [
    queued > 0 && listening === 0 ? `${queued} job(s) waiting and no worker listening` : "",
    failed > finished ? `${failed} failures against ${finished} successes` : "",
    queue.abandoned > 0 ? `${queue.abandoned} job(s) abandoned by a dead worker` : "",
  ].filter(Boolean);
  for (const problem of problems) console.log(`ALERT ${queue.name}: ${problem}`);
  alerts += problems.length;
}
connection.disconnect();
process.exitCode = alerts ? 1 : 0;
