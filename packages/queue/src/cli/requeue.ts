/**
 * `rqts requeue`: puts failed (and stopped) jobs back on their queues — the ids given, or `--all`
 * failed jobs (of `--queue`s, default every queue) — in batches, with a progress bar on stderr.
 */
import { Inspector } from "../inspect/inspector.js";
import type { RequeueReport } from "../inspect/requeue.js";
import { JSON_OPTION, integerOption, listOption, type Command, type CommandInput } from "./command.js";
import { EXIT, UsageError } from "./errors.js";
import { plural, safe } from "./format.js";
import { ProgressBar } from "./progress.js";

/** Skipped jobs listed one by one up to this many; beyond, only counted. */
const LISTED = 20;

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const all = values.all === true;
  const queues = listOption(values, "queue");
  if (all === positionals.length > 0) {
    throw new UsageError('Give job ids or --all, not both and not neither: e.g. "rqts requeue --all --queue emails". Run "rqts requeue --help".');
  }
  if (!all && queues.length > 1) throw new UsageError("With job ids, give at most one --queue (the queue they must belong to)");
  const batch = integerOption(values, "batch", 1, 10_000);
  const inspector = new Inspector(await redis());
  const progress = new ProgressBar(output, "requeueing");
  const options = {
    ...(batch !== undefined ? { batch } : {}),
    atFront: values["at-front"] === true,
    onProgress: (p: { done: number; total: number; skipped: number }) => progress.update(p.done, p.total, p.skipped > 0 ? `(${p.skipped} skipped)` : ""),
  };
  let report: RequeueReport;
  try {
    report = all
      ? await inspector.requeueFailed({ ...options, ...(queues.length > 0 ? { queues } : {}) })
      : await inspector.requeueJobs(positionals, { ...options, ...(queues[0] !== undefined ? { queue: queues[0] } : {}) });
  } finally {
    progress.finish();
  }
  if (values.json === true) output.json(report);
  else {
    output.print(`Requeued ${plural(report.requeued.length, "job")}.`);
    if (report.skipped.length > 0) {
      output.warn(`Skipped ${plural(report.skipped.length, "job")}:`);
      output.warn(...report.skipped.slice(0, LISTED).map(({ id, reason }) => `  ${safe(id)}: ${safe(reason)}`));
      if (report.skipped.length > LISTED) output.warn(`  … and ${report.skipped.length - LISTED} more (--json lists them all)`);
    }
  }
  // ids that were asked for by name and not requeued are a failure; stale entries met by --all are not
  return !all && report.skipped.length > 0 ? EXIT.failed : EXIT.ok;
}

export const requeueCommand: Command = {
  name: "requeue",
  summary: "put failed or stopped jobs back on their queues",
  usage: "requeue [--queue q] (--all | <id…>)",
  description: [
    "Puts the failed (or stopped) jobs given by id back on their queues, or with --all every failed job",
    "of the --queue(s) given (default: all queues). Each job moves in one atomic step; batches of them",
    "go in one round trip, and a progress bar shows on stderr. With ids, --queue only requeues the",
    "jobs of that queue. Exits 1 when an id given could not be requeued (each is listed with the reason).",
  ].join("\n"),
  options: {
    all: { type: "boolean", short: "a", help: "requeue every failed job (of --queue, default all queues)" },
    queue: { type: "string", short: "q", multiple: true, value: "<queue>", help: "only this queue (repeatable with --all)" },
    "at-front": { type: "boolean", help: "put the jobs at the front of their queues" },
    batch: { type: "string", value: "<n>", help: "jobs per round trip (default: 500)" },
    json: { ...JSON_OPTION, help: "print the ids requeued and skipped as JSON" },
  },
  examples: ["rqts requeue --all --queue emails", "rqts requeue 5f1c2e9a-4c55-4f7e-9d49-1c3f7b1f0c2d report-2026"],
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  run,
};
