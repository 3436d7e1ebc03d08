/**
 * `rqts cron`: the cron and interval entries that schedulers fire — list them with their next run,
 * pause, resume or remove one. Entries are registered in code (`queue.cron`, `queue.schedule`).
 */
import { CronEntries } from "../cron/entries.js";
import type { CronEntry } from "../cron/entry.js";
import { Inspector } from "../inspect/inspector.js";
import { JSON_OPTION, type Command, type CommandInput } from "./command.js";
import { EXIT, UsageError } from "./errors.js";
import { formatDate, jsonLine, plural, relative, safe, table } from "./format.js";
import type { Output } from "./output.js";

const ACTIONS = ["list", "pause", "resume", "remove"] as const;
type Action = (typeof ACTIONS)[number];

function schedule(entry: CronEntry): string {
  if (entry.kind === "interval") return `every ${entry.intervalMs} ms`;
  return `${entry.pattern} (${entry.timezone ?? "UTC"})`;
}

function listLines(output: Output, entries: CronEntry[]): string[] {
  if (entries.length === 0) return ["No cron or interval entries."];
  const rows = [["QUEUE", "ID", "SCHEDULE", "TASK", "NEXT RUN", "LAST JOB", "STATE"]];
  for (const entry of entries) {
    const state = entry.error ? output.paint("red", `paused: ${safe(entry.error)}`) : entry.paused ? "paused" : "active";
    rows.push([
      safe(entry.queue),
      safe(entry.id),
      safe(schedule(entry)),
      `${safe(entry.taskName)}(${jsonLine(entry.args, 60).slice(1, -1)})`,
      entry.nextRun ? `${formatDate(entry.nextRun)} (${relative(entry.nextRun)})` : "–",
      safe(entry.lastJobId ?? "–"),
      state,
    ]);
  }
  return [...table(rows), "", plural(entries.length, "entry", "entries")];
}

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const [action, ...rest] = positionals as [string, ...string[]];
  if (!ACTIONS.includes(action as Action)) {
    throw new UsageError(`Unknown cron action "${action}": use one of ${ACTIONS.join(", ")}. Run "rqts cron --help".`);
  }
  const connection = await redis();
  if (action === "list") {
    const queues = rest.length > 0 ? rest : await new Inspector(connection).queueNames();
    const entries = (await Promise.all(queues.map((queue) => new CronEntries(connection, queue).list()))).flat();
    if (values.json === true) output.json(entries);
    else for (const line of listLines(output, entries)) output.print(line);
    return EXIT.ok;
  }
  if (rest.length !== 2) throw new UsageError(`Usage: rqts cron ${action} <queue> <entry-id>. Run "rqts cron --help".`);
  const [queue, id] = rest as [string, string];
  const entries = new CronEntries(connection, queue);
  if (action === "remove") {
    if (!(await entries.remove(id))) {
      output.warn(output.paint("red", `No cron entry "${safe(id)}" on queue "${safe(queue)}" (see "rqts cron list ${safe(queue)}")`));
      return EXIT.failed;
    }
    output.print(`Removed cron entry ${safe(id)} from ${safe(queue)}; jobs it enqueued already stay`);
    return EXIT.ok;
  }
  const entry = action === "pause" ? await entries.pause(id) : await entries.resume(id);
  output.print(
    action === "pause"
      ? `Paused cron entry ${safe(id)} on ${safe(queue)}`
      : `Resumed cron entry ${safe(id)} on ${safe(queue)}; next run ${entry.nextRun ? formatDate(entry.nextRun) : "–"}`,
  );
  return EXIT.ok;
}

export const cronCommand: Command = {
  name: "cron",
  summary: "list, pause, resume or remove cron and interval entries",
  usage: "cron list [queue…] [--json] | cron pause|resume|remove <queue> <entry-id>",
  description: [
    "Entries are registered in code with queue.cron(...) or queue.schedule(...); a worker started with",
    "--with-scheduler fires them. `list` shows every entry of the queues given (default: every queue in",
    "rq:queues) with its schedule, task, next run and state. `pause` stops an entry from enqueueing jobs;",
    "`resume` starts it again from now (ticks missed while paused are not served); `remove` deletes it.",
  ].join("\n"),
  options: { json: { ...JSON_OPTION, help: "print the entries as JSON (list)" } },
  examples: ["rqts cron list reports", "rqts cron pause reports nightly-report", "rqts cron resume reports nightly-report"],
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  run,
};
