/**
 * `rqts suspend`: every worker on this Redis — rqts's and Python RQ's — stops taking new jobs, for
 * `--duration` or until `rqts resume`. Running jobs go on.
 */
import { Inspector } from "../inspect/inspector.js";
import { durationOption, type Command, type CommandInput } from "./command.js";
import { EXIT } from "./errors.js";

async function run({ values, output, redis }: CommandInput): Promise<number> {
  const duration = durationOption(values, "duration");
  await new Inspector(await redis()).suspend(duration === undefined ? {} : { duration });
  output.print(
    duration === undefined
      ? "Workers suspended: they take no new jobs until `rqts resume`. Running jobs go on."
      : `Workers suspended for ${duration}: they take no new jobs until then (or \`rqts resume\`). Running jobs go on.`,
  );
  return EXIT.ok;
}

export const suspendCommand: Command = {
  name: "suspend",
  summary: "stop every worker from taking new jobs (until resume, or for a duration)",
  usage: "suspend [--duration <duration>]",
  description: [
    "Sets rq:suspended, as Python's `rq suspend` does: every worker on this Redis, rqts's and Python RQ's,",
    "takes no new job until `rqts resume` (or until --duration passes). Running jobs finish; burst",
    "workers exit. Durations: a bare number is seconds; or 90s, 10m, 2h.",
  ].join("\n"),
  options: {
    duration: { type: "string", short: "d", value: "<duration>", help: "resume on their own after this long (default: until resumed)" },
  },
  examples: ["rqts suspend --duration 10m", "rqts suspend && ./deploy.sh && rqts resume"],
  positionals: { min: 0, max: 0 },
  run,
};
