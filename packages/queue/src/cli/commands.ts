/** Every `rqts` subcommand, in the order `rqts --help` lists them. */
import { cancelCommand } from "./cancel.js";
import { cronCommand } from "./cron.js";
import type { Command } from "./command.js";
import { emptyCommand } from "./empty.js";
import { enqueueCommand } from "./enqueue.js";
import { infoCommand } from "./info.js";
import { jobCommand } from "./job.js";
import { requeueCommand } from "./requeue.js";
import { resumeCommand } from "./resume.js";
import { stopCommand } from "./stop.js";
import { suspendCommand } from "./suspend.js";
import { workerCommand } from "./worker.js";

export const commands: readonly Command[] = [
  workerCommand,
  infoCommand,
  enqueueCommand,
  jobCommand,
  requeueCommand,
  cancelCommand,
  stopCommand,
  emptyCommand,
  suspendCommand,
  resumeCommand,
  cronCommand,
];
