/**
 * Runs an action on each job id given (`rqts cancel`, `rqts stop`): one line per id, a problem with one
 * id (unknown, wrong state) is reported on stderr and does not stop the others. Exit code 1 when any
 * id failed.
 */
import { RqtsError } from "../errors.js";
import { EXIT } from "./errors.js";
import { safe } from "./format.js";
import type { Output } from "./output.js";

export async function eachJob(ids: readonly string[], output: Output, action: (id: string) => Promise<string>): Promise<number> {
  let failed = 0;
  for (const id of ids) {
    try {
      output.print(await action(id));
    } catch (error) {
      if (!(error instanceof RqtsError)) throw error; // Redis errors end the command
      failed++;
      output.warn(output.paint("red", safe(error.message)));
    }
  }
  return failed > 0 ? EXIT.failed : EXIT.ok;
}
