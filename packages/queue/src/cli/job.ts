/**
 * `rqts job <id>`: everything about one job — status, call, timestamps, worker, result or traceback,
 * result history, meta, dependencies and dependents with their statuses. Job data is shown escaped:
 * it never reaches the terminal as control characters.
 */
import { Inspector } from "../inspect/inspector.js";
import type { JobView, RelatedJob } from "../inspect/job-view.js";
import type { JobResult } from "../results.js";
import { JSON_OPTION, type Command, type CommandInput } from "./command.js";
import { EXIT } from "./errors.js";
import { dateAndAge, formatDate, formatSeconds, jsonLine, safe } from "./format.js";
import type { Output } from "./output.js";

function seconds(value: number | undefined, unset: string): string {
  if (value === undefined) return unset;
  return value < 0 ? "none (-1)" : `${value} s`;
}

function related(jobs: RelatedJob[]): string {
  return jobs.length === 0 ? "–" : jobs.map((job) => `${safe(job.id)} (${job.status ?? "gone"})`).join(", ");
}

function resultBlock(output: Output, result: JobResult): string[] {
  const heading = `${result.type} at ${formatDate(result.createdAt)}${result.workerName ? ` by ${safe(result.workerName)}` : ""}`;
  if (result.type === "successful") return [`${output.paint("green", "Result")} (${heading}):`, `  ${jsonLine(result.returnValue, 2_000)}`];
  const text = result.excString ? safe(result.excString, true).trimEnd() : "(no error text)";
  return [`${output.paint("red", "Error")} (${heading}):`, ...text.split("\n").map((line) => `  ${line}`)];
}

function render(output: Output, view: JobView): string[] {
  const rows: Array<[string, string]> = [
    ["status", view.status + (view.position !== undefined ? ` (position ${view.position + 1} in its queue)` : "")],
    ["queue", safe(view.queue)],
    ["call", view.callString !== undefined ? safe(view.callString) : output.paint("red", `cannot decode: ${safe(view.callError ?? "")}`)],
  ];
  if (view.description && view.description !== view.callString) rows.push(["description", safe(view.description)]);
  if (view.taskName !== undefined) rows.push(["task", safe(view.taskName)], ["args", jsonLine(view.args, 500)], ["kwargs", jsonLine(view.kwargs, 500)]);
  rows.push(
    ["created", dateAndAge(view.createdAt)],
    ["enqueued", dateAndAge(view.enqueuedAt)],
    ["started", dateAndAge(view.startedAt)],
    ["ended", dateAndAge(view.endedAt)],
    ["worker", view.workerName ? safe(view.workerName) : "–"],
    ["timeout", seconds(view.timeout, "default (180 s)")],
    ["result ttl", seconds(view.resultTtl, "default (500 s)")],
    ["failure ttl", seconds(view.failureTtl, "default (1 year)")],
    ["expires", view.expiresInSeconds === undefined ? "not while it waits or runs" : `in ${formatSeconds(view.expiresInSeconds)}`],
    ["attempts", `${view.attempts}${view.retriesLeft !== undefined ? ` (${view.retriesLeft} retries left)` : ""}`],
    ["meta", view.metaError ? output.paint("red", view.metaError) : jsonLine(view.meta, 1_000)],
    ["depends on", related(view.dependencies) + (view.allowDependencyFailures ? " (runs even if they fail)" : "")],
    ["dependents", related(view.dependents)],
  );
  if (view.repeatsLeft !== undefined) rows.push(["repeats left", String(view.repeatsLeft)]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [output.paint("bold", `Job ${safe(view.id)}`), ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`), ""];
  if (view.latestResult) lines.push(...resultBlock(output, view.latestResult));
  else lines.push("No result yet.");
  if (view.results.length > 1) {
    lines.push("", `History (${view.results.length} results, newest first):`);
    lines.push(...view.results.map((r) => `  ${formatDate(r.createdAt)}  ${r.type}${r.workerName ? `  ${safe(r.workerName)}` : ""}`));
  }
  return lines;
}

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const view = await new Inspector(await redis()).job(positionals[0]!);
  if (values.json === true) output.json(view);
  else output.print(...render(output, view));
  return EXIT.ok;
}

export const jobCommand: Command = {
  name: "job",
  summary: "show one job: status, call, timestamps, result or traceback, meta, dependencies",
  usage: "job <id> [--json]",
  description: [
    "Shows everything about one job: its status (and place in its queue), the call, when it was created,",
    "enqueued, started and ended, its worker, timeouts and TTLs, the result or the error's traceback, the",
    "result history, its meta, and the jobs it depends on and that depend on it, with their statuses.",
    "Exits 1 when no job has that id.",
  ].join("\n"),
  options: { json: { ...JSON_OPTION, help: "print the job as JSON" } },
  examples: ["rqts job 5f1c2e9a-4c55-4f7e-9d49-1c3f7b1f0c2d", "rqts job report-2026 --json | jq .latestResult"],
  positionals: { min: 1, max: 1 },
  run,
};
