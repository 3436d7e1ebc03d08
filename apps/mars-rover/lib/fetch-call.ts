/**
 * What a fetch job asks for, read from its stored call (task name and JSON arguments). Used wherever
 * jobs are listed — the gallery, the schedule — and never trusted: a job of another task, or with
 * arguments of the wrong shape, is reported as not a fetch.
 */
import type { Job } from "@rqts/queue";
import { TASK_NAMES } from "./task-names";

export interface FetchCall {
  kind: "sol" | "latest";
  rover: string;
  /** `null` for the latest photos. */
  sol: number | null;
  camera: string | null;
}

/** The fetch a job describes, or `null`. */
export function fetchCallOf(job: Job): FetchCall | null {
  let args: unknown[];
  try {
    args = job.args;
  } catch {
    return null; // data that does not decode (e.g. pickled by Python): not ours
  }
  const [rover, second, third] = args;
  const camera = (value: unknown) => (typeof value === "string" ? value : null);
  if (typeof rover !== "string") return null;
  if (job.taskName === TASK_NAMES.fetchSol && Number.isSafeInteger(second)) return { kind: "sol", rover, sol: second as number, camera: camera(third) };
  if (job.taskName === TASK_NAMES.fetchLatest) return { kind: "latest", rover, sol: null, camera: camera(second) };
  return null;
}

/** `curiosity sol 1000 NAVCAM`, `perseverance latest`. */
export function describeFetch(call: FetchCall): string {
  return `${call.rover} ${call.sol === null ? "latest" : `sol ${call.sol}`}${call.camera ? ` ${call.camera}` : ""}`;
}
