/** `rqts cancel`: cancels jobs that have not started (queued, deferred or scheduled). */
import { Inspector } from "../inspect/inspector.js";
import type { Command, CommandInput } from "./command.js";
import { eachJob } from "./each-job.js";

async function run({ positionals, output, redis }: CommandInput): Promise<number> {
  const inspector = new Inspector(await redis());
  return eachJob(positionals, output, async (id) => {
    await inspector.cancelJob(id);
    return `Canceled ${id}`;
  });
}

export const cancelCommand: Command = {
  name: "cancel",
  summary: "cancel jobs that have not started yet",
  usage: "cancel <id…>",
  description: [
    "Cancels each job given that is queued, deferred or scheduled: it leaves its queue or registry and",
    "goes to the canceled registry, in one atomic step. A started job cannot be canceled (stop it with",
    "`rqts stop`); an ended one neither. Exits 1 when any id could not be canceled.",
  ].join("\n"),
  options: {},
  examples: ["rqts cancel 5f1c2e9a-4c55-4f7e-9d49-1c3f7b1f0c2d report-2026"],
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  run,
};
