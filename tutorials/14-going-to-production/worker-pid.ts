// tutorials/14-going-to-production/worker-pid.ts — the process id of a worker, by name, as its registration says.
//   kill -TERM "$(npx tsx tutorials/14-going-to-production/worker-pid.ts invoices-1)"
// A process manager (systemd, Kubernetes, pm2) knows its own pids; this stands in for it in the lesson.
import { Redis } from "ioredis";
import { Inspector } from "@rqts/queue";

const name = process.argv[2];
if (!name) {
  console.error("usage: npx tsx tutorials/14-going-to-production/worker-pid.ts <worker name>");
  process.exit(2);
}
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const { workers } = await new Inspector(connection).workers();
const worker = workers.find((candidate) => candidate.name === name && candidate.death === undefined);
connection.disconnect();
if (worker?.pid === undefined) {
  console.error(`no live worker is named ${name}: see npx rqts info`);
  process.exit(1);
}
console.log(worker.pid);
