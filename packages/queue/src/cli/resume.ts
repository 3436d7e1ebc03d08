/** `rqts resume`: suspended workers take jobs again. */
import { Inspector } from "../inspect/inspector.js";
import type { Command, CommandInput } from "./command.js";
import { EXIT } from "./errors.js";

async function run({ output, redis }: CommandInput): Promise<number> {
  const inspector = new Inspector(await redis());
  const wasSuspended = await inspector.isSuspended();
  await inspector.resume();
  output.print(wasSuspended ? "Workers resumed: they take jobs again." : "Workers were not suspended; nothing to do.");
  return EXIT.ok;
}

export const resumeCommand: Command = {
  name: "resume",
  summary: "let suspended workers take jobs again",
  usage: "resume",
  description: "Removes rq:suspended (as Python's `rq resume` does): suspended workers take jobs again within a second.",
  options: {},
  examples: ["rqts resume"],
  positionals: { min: 0, max: 0 },
  run,
};
