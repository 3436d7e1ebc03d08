/**
 * `rqts empty`: deletes every job waiting in the queues given (or in one of their registries with
 * `--registry`). Every queue named must exist, checked before anything is deleted.
 */
import { Inspector } from "../inspect/inspector.js";
import { JOB_LISTS, checkJobListName } from "../inspect/job-lists.js";
import { JSON_OPTION, stringOption, type Command, type CommandInput } from "./command.js";
import { EXIT, UsageError } from "./errors.js";
import { plural, safe } from "./format.js";

async function run({ positionals, values, output, redis }: CommandInput): Promise<number> {
  const all = values.all === true;
  if (all === positionals.length > 0) throw new UsageError('Name the queues to empty, or give --all, not both. Run "rqts empty --help".');
  let list;
  try {
    list = checkJobListName(stringOption(values, "registry") ?? "queued");
  } catch (error) {
    throw new UsageError(`--registry: ${(error as Error).message}`);
  }
  const inspector = new Inspector(await redis());
  const queues = all ? await inspector.queueNames() : positionals;
  if (!all) await inspector.queues(queues); // every name must exist before anything is deleted
  const removed: Record<string, number> = {};
  for (const queue of queues) removed[queue] = await inspector.empty(queue, list);
  if (values.json === true) output.json({ list, removed });
  else {
    const where = list === "queued" ? "" : ` ${list} registry`;
    for (const queue of queues) output.print(`Emptied ${safe(queue)}${where}: ${plural(removed[queue] ?? 0, "job")} deleted`);
    if (queues.length === 0) output.print("No queues to empty.");
  }
  return EXIT.ok;
}

export const emptyCommand: Command = {
  name: "empty",
  summary: "delete every job waiting in queues (or in one of their registries)",
  usage: "empty (<queue…> | --all) [--registry <name>]",
  description: [
    "Deletes the jobs waiting in each queue given (their hashes too), or with --registry the jobs of",
    `that registry of each queue: ${JOB_LISTS.filter((l) => l !== "queued" && l !== "started").join(", ")}.`,
    "Running jobs (the started registry) are never deleted: stop them with `rqts stop`.",
    "Every queue named must exist; nothing is deleted when one does not.",
  ].join("\n"),
  options: {
    all: { type: "boolean", short: "a", help: "empty every queue" },
    registry: { type: "string", short: "r", value: "<name>", help: "empty this registry instead of the queue (default: the queue)" },
    json: { ...JSON_OPTION, help: "print how many jobs were deleted per queue as JSON" },
  },
  examples: ["rqts empty emails", "rqts empty --all --registry failed"],
  positionals: { min: 0, max: Number.POSITIVE_INFINITY },
  run,
};
