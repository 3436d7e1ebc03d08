/**
 * `rqts enqueue <queue> <task> [json-args]`: enqueues a call of a task by name — now, after `--in`, or
 * at `--at` — with the library's own `Queue.enqueue` / `enqueueIn` / `enqueueAt`, so every option is
 * checked as in code. The task name is stored, never code: a worker that registered that name runs it.
 */
import type { EnqueueOptions } from "../job-options.js";
import { Queue } from "../queue.js";
import {
  JSON_OPTION,
  durationOption,
  integerOption,
  jsonArgument,
  listOption,
  stringOption,
  type Command,
  type CommandInput,
} from "./command.js";
import { EXIT, UsageError } from "./errors.js";
import { formatDate, safe } from "./format.js";

function positionalArgs(text: string | undefined): unknown[] {
  if (text === undefined) return [];
  const parsed = jsonArgument(text, "json-args", '[1, "two", {"three": 3}]');
  if (!Array.isArray(parsed)) {
    throw new UsageError(`json-args must be a JSON array of the task's positional arguments, e.g. '[1, "two"]'; got ${safe(text)}`);
  }
  return parsed;
}

function when(values: CommandInput["values"]): { at?: Date; in?: string } {
  const inText = durationOption(values, "in");
  const atText = stringOption(values, "at");
  if (inText !== undefined && atText !== undefined) throw new UsageError("Give --in or --at, not both");
  if (atText === undefined) return inText === undefined ? {} : { in: inText };
  const at = new Date(atText);
  if (!/^\d{4}-\d{2}-\d{2}/.test(atText) || Number.isNaN(at.getTime())) {
    throw new UsageError(`--at "${atText}" is not an ISO 8601 date and time: use e.g. 2030-01-31T09:00:00Z`);
  }
  return { at };
}

function enqueueOptions(values: CommandInput["values"]): EnqueueOptions {
  const options: EnqueueOptions = {};
  const jobId = stringOption(values, "job-id");
  if (jobId !== undefined) options.jobId = jobId;
  for (const [flag, key] of [["timeout", "timeout"], ["result-ttl", "resultTtl"], ["ttl", "ttl"], ["failure-ttl", "failureTtl"]] as const) {
    const duration = durationOption(values, flag);
    if (duration !== undefined) options[key] = duration;
  }
  const description = stringOption(values, "description");
  if (description !== undefined) options.description = description;
  const meta = stringOption(values, "meta");
  if (meta !== undefined) {
    const parsed = jsonArgument(meta, "--meta", '{"owner": "ops"}');
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError("--meta must be a JSON object, e.g. '{\"owner\": \"ops\"}'");
    options.meta = parsed as Record<string, unknown>;
  }
  if (values["at-front"] === true) options.atFront = true;
  if (values.unique === true) options.unique = true;
  const dependsOn = listOption(values, "depends-on");
  if (dependsOn.length > 0) options.dependsOn = dependsOn;
  const retries = integerOption(values, "retry", 1, 1_000);
  const retryInterval = durationOption(values, "retry-interval");
  if (retries !== undefined) options.retry = retryInterval === undefined ? { max: retries } : { max: retries, intervals: retryInterval };
  else if (retryInterval !== undefined) throw new UsageError("--retry-interval needs --retry <n>");
  return options;
}

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const [queueName, taskName, argsText] = positionals as [string, string, string?];
  const args = positionalArgs(argsText);
  const schedule = when(values);
  const options = enqueueOptions(values);
  const queue = new Queue(queueName, { connection: await redis() });
  const job = schedule.at
    ? await queue.enqueueAt(schedule.at, taskName, args, options)
    : schedule.in !== undefined
      ? await queue.enqueueIn(schedule.in, taskName, args, options)
      : await queue.enqueue(taskName, args, options);
  const due = schedule.at ?? (schedule.in !== undefined ? await dueDate(queue, job.id) : undefined);
  if (values.json === true) {
    output.json({ id: job.id, queue: queue.name, status: job.status, description: job.description, ...(due ? { due } : {}) });
    return EXIT.ok;
  }
  const state = job.status === "scheduled" && due ? `scheduled for ${formatDate(due)}` : job.status;
  output.print(`Enqueued ${job.id} on ${safe(queue.name)}: ${safe(job.description)} (${state})`);
  return EXIT.ok;
}

/** When a job enqueued with `--in` is due, as the scheduled registry holds it. */
async function dueDate(queue: Queue, id: string): Promise<Date | undefined> {
  const score = await queue.scheduled.scoreOf(id);
  return score === null ? undefined : new Date(score * 1000);
}

export const enqueueCommand: Command = {
  name: "enqueue",
  summary: "enqueue a call of a task by name, now or later",
  usage: "enqueue <queue> <task> [json-args] [--in 10m | --at ISO] [options]",
  description: [
    "Enqueues a call of <task> (a task name a worker registered, e.g. emails.send) on <queue>, with",
    "json-args as its positional arguments: a JSON array, quoted for your shell. Prints the job id.",
    "With --in or --at the job waits in the scheduled registry until a worker started with",
    "--with-scheduler queues it. Durations: a bare number is seconds; or 500ms, 90s, 10m, 2h, 1d.",
  ].join("\n"),
  options: {
    in: { type: "string", value: "<duration>", help: "run after this delay instead of now" },
    at: { type: "string", value: "<ISO date>", help: "run at this time, e.g. 2030-01-31T09:00:00Z" },
    "job-id": { type: "string", value: "<id>", help: "the job id: letters, digits, _ and - (default: a random UUID)" },
    timeout: { type: "string", value: "<duration>", help: "fail the job when it runs longer; -1 for none (default: 180s)" },
    "result-ttl": { type: "string", value: "<duration>", help: "keep the result this long; 0 drops it, -1 keeps it (default: 500s)" },
    "failure-ttl": { type: "string", value: "<duration>", help: "keep a failed job this long (default: 1 year)" },
    ttl: { type: "string", value: "<duration>", help: "discard the job if it has not started by then (default: never)" },
    description: { type: "string", value: "<text>", help: "shown by info and dashboards (default: the call, task(1, 'a'))" },
    meta: { type: "string", value: "<json>", help: "a JSON object kept with the job (default: {})" },
    "depends-on": { type: "string", multiple: true, value: "<id>", help: "wait for this job to finish first (repeatable)" },
    retry: { type: "string", value: "<n>", help: "retry a failed job up to n times (default: no retries)" },
    "retry-interval": { type: "string", value: "<duration>", help: "wait between retries (default: 0, at once)" },
    "at-front": { type: "boolean", help: "put the job at the front of the queue" },
    unique: { type: "boolean", help: "fail if a job with --job-id exists already" },
    json: { ...JSON_OPTION, help: "print the job as JSON" },
  },
  examples: [
    `rqts enqueue emails emails.send '["ada@example.com", {"template": "welcome"}]'`,
    `rqts enqueue reports reports.build '[2026]' --in 10m --job-id report-2026 --timeout 1h`,
  ],
  positionals: { min: 2, max: 3 },
  run,
};
