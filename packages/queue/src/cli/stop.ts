/** `rqts stop`: asks the workers running jobs to stop them. */
import { RqtsError } from "../errors.js";
import { Inspector } from "../inspect/inspector.js";
import type { Command, CommandInput } from "./command.js";
import { eachJob } from "./each-job.js";
import { safe } from "./format.js";

async function run({ positionals, output, redis }: CommandInput): Promise<number> {
  const inspector = new Inspector(await redis());
  return eachJob(positionals, output, async (id) => {
    const { workerName } = await inspector.job(id);
    const heard = await inspector.stopJob(id);
    if (heard === 0) {
      throw new RqtsError(
        `Job ${id} is started, but its worker "${workerName}" is not listening: it probably died. ` +
          "`rqts info --clean` moves its abandoned jobs to failed once their heartbeat has expired.",
      );
    }
    return `Asked worker ${safe(workerName)} to stop job ${id}`;
  });
}

export const stopCommand: Command = {
  name: "stop",
  summary: "stop running jobs",
  usage: "stop <id…>",
  description: [
    "Sends RQ's stop-job command to the worker running each job given (Python RQ workers honour it too).",
    "The job's AbortSignal fires and it ends `stopped`, in the failed registry, without retries. Only a",
    "started job can be stopped. Exits 1 when any id could not be stopped.",
  ].join("\n"),
  options: {},
  examples: ["rqts stop 5f1c2e9a-4c55-4f7e-9d49-1c3f7b1f0c2d"],
  positionals: { min: 1, max: Number.POSITIVE_INFINITY },
  run,
};
