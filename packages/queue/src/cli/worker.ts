/**
 * `rqts worker`: loads a task module, checks Redis, runs a Worker on the queues given (priority order)
 * and prints one line per job event (`--json`: one JSON document per line). Signals are the Worker's
 * own: the first SIGINT/SIGTERM is a warm shutdown, the second a cold one.
 */
import { Worker } from "../worker/worker.js";
import type { ClaimedJob } from "../worker/fetcher.js";
import { JSON_OPTION, integerOption, stringOption, type Command, type CommandInput } from "./command.js";
import { EXIT, UsageError } from "./errors.js";
import { jsonLine, safe } from "./format.js";
import type { Output } from "./output.js";
import { loadTaskModule } from "./task-module.js";

type JobEvent = "started" | "finished" | "failed" | "retrying" | "stopped" | "repeating";

/** Prints worker events as text lines or JSON lines. */
class EventPrinter {
  private readonly startedAt = new Map<string, number>();

  constructor(
    private readonly output: Output,
    private readonly json: boolean,
  ) {}

  log(level: "info" | "warn" | "error", message: string): void {
    if (this.json) this.output.json({ time: new Date().toISOString(), event: "log", level, message });
    else if (level === "info") this.output.print(`${this.clock()} ${safe(message)}`);
    else this.output.warn(`${this.clock()} ${this.output.paint(level === "error" ? "red" : "yellow", safe(message))}`);
  }

  job(event: JobEvent, job: ClaimedJob, detail: { result?: unknown; error?: Error } = {}): void {
    const now = performance.now();
    if (event === "started") this.startedAt.set(job.id, now);
    const began = this.startedAt.get(job.id);
    if (event !== "started") this.startedAt.delete(job.id);
    const seconds = event !== "started" && began !== undefined ? Number(((now - began) / 1000).toFixed(6)) : undefined;
    const error = detail.error ? `${detail.error.name}: ${detail.error.message}` : undefined;
    const description = job.fields.description ?? "";
    if (this.json) {
      const extra = event === "started" ? { description } : { seconds, ...("result" in detail ? { result: detail.result ?? null } : {}), ...(error ? { error } : {}) };
      this.output.json({ time: new Date().toISOString(), event, queue: job.queue, job_id: job.id, ...extra });
      return;
    }
    const took = seconds === undefined ? "?" : seconds < 1 ? `${Math.round(seconds * 1000)} ms` : `${seconds.toFixed(2)} s`;
    const what =
      event === "started"
        ? safe(description)
        : `${took}${"result" in detail ? ` → ${jsonLine(detail.result ?? null)}` : ""}${error ? ` ${safe(error)}` : ""}`;
    const colour = event === "failed" || event === "stopped" ? "red" : event === "finished" ? "green" : event === "started" ? "cyan" : "yellow";
    this.output.print(`${this.clock()} ${this.output.paint(colour, event.padEnd(9))} ${safe(job.queue)} ${safe(job.id)} ${what}`);
  }

  private clock(): string {
    return new Date().toTimeString().slice(0, 8);
  }
}

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const tasksSpec = stringOption(values, "tasks");
  if (!tasksSpec) throw new UsageError('rqts worker needs --tasks <module>: the module that exports your tasks, e.g. --tasks ./dist/tasks.js. Run "rqts worker --help".');
  const concurrency = integerOption(values, "concurrency", 1, 10_000) ?? 1;
  const maxJobs = integerOption(values, "max-jobs", 1);
  const isolation = stringOption(values, "isolation") ?? "inline";
  if (isolation !== "inline" && isolation !== "process") throw new UsageError(`--isolation must be "inline" or "process"; got "${isolation}"`);
  const queues = positionals.length > 0 ? positionals : ["default"];
  const json = values.json === true;
  const printer = new EventPrinter(output, json);

  const module = await loadTaskModule(tasksSpec);
  printer.log("info", `Loaded ${module.tasks.length} task(s) from ${module.path}: ${module.tasks.map((task) => task.name).join(", ")}`);
  const connection = await redis({ keepRetrying: true });
  const name = stringOption(values, "name");
  const worker = new Worker(queues, {
    connection,
    tasks: module.tasks,
    concurrency,
    isolation,
    ...(isolation === "process" ? { tasksModule: module.path } : {}),
    ...(name !== undefined ? { name } : {}),
    ...(maxJobs !== undefined ? { maxJobs } : {}),
    withScheduler: values["with-scheduler"] === true,
    logger: {
      info: (message) => printer.log("info", message),
      warn: (message) => printer.log("warn", message),
      error: (message) => printer.log("error", message),
    },
  });
  worker.on("job:started", (job) => printer.job("started", job));
  worker.on("job:finished", (job, result) => printer.job("finished", job, { result }));
  worker.on("job:failed", (job, error) => printer.job("failed", job, { error }));
  worker.on("job:retrying", (job, error) => printer.job("retrying", job, { error }));
  worker.on("job:stopped", (job) => printer.job("stopped", job));
  worker.on("job:repeating", (job, result) => printer.job("repeating", job, { result }));
  await worker.run({ burst: values.burst === true });
  return EXIT.ok;
}

export const workerCommand: Command = {
  name: "worker",
  summary: "run a worker: take jobs from queues and run them with the tasks of a module",
  usage: "worker [queues…] --tasks <module> [options]",
  description: [
    "Runs jobs from the queues given, in priority order (default: the queue \"default\"), with the tasks",
    "exported by --tasks: an ES module (built JavaScript, or TypeScript when tsx is installed) whose",
    "exports include tasks made by defineTask, directly or in exported arrays and objects.",
    "Prints one line per job event. The first SIGINT/SIGTERM is a warm shutdown (running jobs finish),",
    "the second a cold one (they are aborted and recorded as failed). Exits 1 when Redis cannot be",
    "reached or the task module cannot be loaded.",
  ].join("\n"),
  options: {
    tasks: { type: "string", value: "<module>", help: "path or file: URL of the module exporting the tasks (required)" },
    concurrency: { type: "string", short: "c", value: "<n>", help: "jobs run at once (default: 1)" },
    burst: { type: "boolean", short: "b", help: "stop once the queues are empty (default: wait for more jobs)" },
    "with-scheduler": { type: "boolean", help: "also queue due scheduled jobs (enqueue --in/--at, retry intervals)" },
    isolation: { type: "string", value: "inline|process", help: "run jobs in this process, or in child processes with hard timeouts (default: inline)" },
    name: { type: "string", short: "n", value: "<name>", help: "the worker's name, unique among live workers (default: random)" },
    "max-jobs": { type: "string", value: "<n>", help: "stop after this many jobs (default: no limit)" },
    json: { ...JSON_OPTION, help: "print one JSON document per event instead of text lines" },
  },
  examples: [
    "rqts worker high default low --tasks ./dist/tasks.js --concurrency 10",
    "REDIS_URL=rediss://:secret@redis.example.com:6380 rqts worker emails --tasks ./tasks.ts --burst --json",
  ],
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  run,
};
