/**
 * The lines the worker prints, one per event worth seeing: a fetched sol (with the random photo the
 * original tutorial printed), a sol's summary, a retry, a failure. Photo jobs stay quiet: a sol has
 * dozens. Everything quoted comes from NASA or Redis, so control characters are escaped: a newline in
 * an error text cannot forge a line of its own.
 */
import { runIdOf } from "./job-ids";
import type { FetchResult } from "./fetch-run";
import { summaryLine, type SolSummary } from "./summary";

/** The job's role, from its id (lib/job-ids.ts). */
export function jobRole(jobId: string): "fetch" | "photo" | "summary" {
  if (runIdOf(jobId) === jobId) return "fetch";
  return jobId.endsWith("_summary") ? "summary" : "photo";
}

/** The line for a finished job, or `null` for jobs that finish quietly (photos). */
export function finishedLine(jobId: string, value: unknown): string | null {
  const role = jobRole(jobId);
  if (role === "summary") return oneLine(summaryLine(value as SolSummary));
  if (role === "fetch") return oneLine(fetchLine(value as FetchResult));
  return null;
}

/** A fetched sol: how many photos, the fan-out, and one photo at random. */
export function fetchLine(result: FetchResult): string {
  const left = result.rateLimitRemaining === null ? "" : ` (NASA calls left: ${result.rateLimitRemaining})`;
  if (result.sol === null) return `${result.rover} latest photos: none${left}`;
  const day = `${result.rover} sol ${result.sol}${result.camera ? ` ${result.camera}` : ""}`;
  if (result.photoCount === 0) return `${day}: no photos that sol${left}`;
  const skipped = result.skipped ? ` (${result.skipped} left out: fetch one camera at a time)` : "";
  return `${day}: ${result.photoCount} photos → ${result.photoJobIds.length} photo jobs and a summary job waiting for them${skipped}; a random one: ${result.randomPhoto}${left}`;
}

/** A job that failed and will run again. */
export function retryingLine(jobId: string, description: string | undefined, error: Error): string {
  return oneLine(`retrying ${jobId} ${description ?? ""}: ${error.message}`);
}

/** A job that failed for good. */
export function failedLine(jobId: string, description: string | undefined, error: Error): string {
  return oneLine(`failed ${jobId} ${description ?? ""}: ${error.message}`);
}

/** Control characters written as JSON escapes. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
