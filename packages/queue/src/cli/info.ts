/**
 * `rqts info`: per queue, how many jobs each list holds (with bars), then the workers with their state
 * and current job. Read-only unless `--clean` is given: Python's `rq info` runs registry clean-up as a
 * side effect, this does not. `--interval S` redraws in place every S seconds until Ctrl-C.
 */
import { Inspector } from "../inspect/inspector.js";
import { JOB_LISTS } from "../inspect/job-lists.js";
import type { QueueSummary } from "../inspect/queues.js";
import type { WorkerInfo } from "../inspect/workers.js";
import type { CleanReport } from "../inspect/clean.js";
import { JSON_OPTION, stringOption, type Command, type CommandInput } from "./command.js";
import { redact } from "./connection.js";
import { EXIT, UsageError } from "./errors.js";
import { bar, formatDate, formatSeconds, plural, safe, table } from "./format.js";
import type { Output } from "./output.js";

const BAR_WIDTH = 30;
/** ANSI: cursor home, clear the screen (what `watch` does between frames). */
const REDRAW = "\x1b[H\x1b[2J";

interface Snapshot {
  time: Date;
  url: string;
  suspended: boolean;
  queues: QueueSummary[];
  workers: WorkerInfo[];
  staleWorkers: number;
}

async function snapshot(inspector: Inspector, names: string[] | undefined, url: string): Promise<Snapshot> {
  const [queues, list, suspended] = await Promise.all([inspector.queues(names), inspector.workers(), inspector.isSuspended()]);
  const shown = names ? list.workers.filter((worker) => worker.queues.some((queue) => names.includes(queue))) : list.workers;
  return { time: new Date(), url, suspended, queues, workers: shown, staleWorkers: list.stale };
}

function queueLines(output: Output, queues: QueueSummary[]): string[] {
  if (queues.length === 0) return ["No queues yet: nothing was ever enqueued on this Redis (rq:queues is empty)."];
  const max = Math.max(...queues.flatMap((queue) => Object.values(queue.counts)));
  const lines: string[] = [];
  for (const queue of queues) {
    lines.push(`${output.paint("bold", safe(queue.name))}  ${plural(queue.total, "job")}`);
    const rows = JOB_LISTS.map((list) => ["  " + list, String(queue.counts[list]), output.paint("cyan", bar(queue.counts[list], max, BAR_WIDTH))]);
    lines.push(...table(rows, new Set([1])), "");
  }
  const total = queues.reduce((sum, queue) => sum + queue.total, 0);
  lines.push(`${plural(queues.length, "queue")}, ${plural(total, "job")}`);
  return lines;
}

function workerLines(output: Output, workers: WorkerInfo[], stale: number): string[] {
  const lines = [output.paint("bold", workers.length === 0 ? "No workers" : plural(workers.length, "worker"))];
  if (workers.length > 0) {
    const rows = [["NAME", "STATE", "QUEUES", "CURRENT JOB", "HEARTBEAT", "OK", "FAILED", "PID@HOST"]];
    for (const worker of workers) {
      rows.push([
        safe(worker.name),
        safe(worker.state),
        safe(worker.queues.join(",")),
        safe(worker.currentJob ?? "–"),
        worker.heartbeatAgeSeconds === undefined ? "–" : `${formatSeconds(worker.heartbeatAgeSeconds)} ago`,
        String(worker.successfulJobCount),
        String(worker.failedJobCount),
        `${worker.pid ?? "?"}@${safe(worker.hostname)}`,
      ]);
    }
    lines.push(...table(rows, new Set([5, 6])).map((line) => `  ${line}`));
  }
  if (stale > 0) lines.push(`  (${plural(stale, "registered worker")} without a worker key: died without deregistering)`);
  return lines;
}

function cleanLines(reports: CleanReport[]): string[] {
  return reports.map((report) =>
    report.skipped
      ? `Cleaned ${safe(report.queue)}: skipped, a worker is running maintenance on it right now`
      : `Cleaned ${safe(report.queue)}: ${plural(report.abandoned.length, "abandoned job")} moved to failed, ` +
        `${plural(report.expired, "expired entry", "expired entries")} removed, ${plural(report.recovered.length, "stuck id")} requeued, ` +
        `${plural(report.deadWorkers, "dead worker")} removed`,
  );
}

function render(output: Output, shot: Snapshot): string[] {
  const lines = [output.paint("dim", `rqts info · ${shot.url} · ${formatDate(shot.time)}`), "", ...queueLines(output, shot.queues), ""];
  lines.push(...workerLines(output, shot.workers, shot.staleWorkers));
  if (shot.suspended) lines.push("", output.paint("yellow", "Workers are suspended: they take no new jobs until `rqts resume`."));
  const abandoned = shot.queues.reduce((sum, queue) => sum + queue.abandoned, 0);
  const expired = shot.queues.reduce((sum, queue) => sum + queue.expired, 0);
  if (abandoned > 0 || expired > 0) {
    lines.push(
      "",
      `Read-only: ${plural(abandoned, "started job")} with an expired heartbeat and ${plural(expired, "expired entry", "expired entries")} were ` +
        "left as they are. `rqts info --clean` runs the workers' maintenance now.",
    );
  }
  return lines;
}

function sleepUnlessStopped(ms: number, stopped: { now: boolean; wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    stopped.wake = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}

async function run({ positionals, values, output, redis, target }: CommandInput): Promise<number> {
  const intervalText = stringOption(values, "interval");
  const interval = intervalText === undefined ? undefined : Number(intervalText);
  if (interval !== undefined && !(interval >= 0.1 && interval <= 86_400)) {
    throw new UsageError(`--interval must be a number of seconds from 0.1 to 86400; got "${intervalText}"`);
  }
  const names = positionals.length > 0 ? positionals : undefined;
  const json = values.json === true;
  const url = redact(target.url);
  const inspector = new Inspector(await redis());
  if (names) await inspector.queues(names); // unknown queue: fail before any output

  if (values.clean === true) {
    const reports = await inspector.clean(names);
    if (json) output.json({ cleaned: reports });
    else output.print(...cleanLines(reports), "");
  }
  const stopped: { now: boolean; wake?: () => void } = { now: false };
  const stop = () => {
    stopped.now = true;
    stopped.wake?.();
  };
  if (interval !== undefined) {
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  do {
    const shot = await snapshot(inspector, names, url);
    if (json) output.json(shot);
    else output.write(`${interval !== undefined ? REDRAW : ""}${render(output, shot).join("\n")}\n`);
    if (interval !== undefined) await sleepUnlessStopped(interval * 1000, stopped);
  } while (interval !== undefined && !stopped.now);
  return EXIT.ok;
}

export const infoCommand: Command = {
  name: "info",
  summary: "show queues (jobs per state, with bars) and workers; read-only",
  usage: "info [queues…] [--interval S] [--json] [--clean]",
  description: [
    "Shows, for each queue (default: every queue), how many jobs are queued, started, deferred, scheduled,",
    "finished, failed and canceled, then the workers with their state and current job.",
    "It changes nothing: unlike Python's `rq info`, which cleans registries as it reads, `rqts info` only",
    "reports what maintenance would fix (started jobs whose worker died, expired entries). --clean runs",
    "that maintenance first (once, even with --interval).",
  ].join("\n"),
  options: {
    interval: { type: "string", short: "i", value: "<seconds>", help: "redraw every S seconds until Ctrl-C (default: print once)" },
    clean: { type: "boolean", help: "run the workers' maintenance first: fail abandoned jobs, drop expired entries" },
    json: { ...JSON_OPTION, help: "print JSON (one document per refresh with --interval)" },
  },
  examples: ["rqts info", "rqts info emails default --interval 2", "rqts info --json | jq '.queues[] | {name, failed: .counts.failed}'"],
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  run,
};
