/**
 * Results as RQ 2.x stores them: entries of the stream rq:results:{id}, newest last.
 */
import type { Redis } from "ioredis";
import { keys } from "./keys.js";
import { decodeExcString, decodeReturnValue } from "./serializer.js";

/** RQ's result types, by the number stored in `type`. */
export const RESULT_TYPES = {
  1: "successful",
  2: "failed",
  3: "stopped",
  4: "retried",
  5: "max_retries_exceeded",
} as const;

export type ResultType = (typeof RESULT_TYPES)[keyof typeof RESULT_TYPES];

/** One result entry: one execution's outcome. */
export interface JobResult<Value = unknown> {
  /** The stream entry id (`<ms>-<seq>`). */
  readonly id: string;
  readonly type: ResultType;
  /** When the entry was written (from the stream id). */
  readonly createdAt: Date;
  /** The return value, for successful results (`null` when the task returned nothing). */
  readonly returnValue: Value | null;
  /** The error text (stack or Python traceback, `Name: message` last), for failed results. */
  readonly excString: string | undefined;
  readonly workerName: string;
  readonly executionId: string | undefined;
  readonly executionStartedAt: Date | undefined;
  readonly executionEndedAt: Date | undefined;
}

function epochToDate(text: string | undefined): Date | undefined {
  const seconds = Number(text);
  return text && Number.isFinite(seconds) ? new Date(seconds * 1000) : undefined;
}

/** Parses one XRANGE entry `[id, [field, value, …]]`. */
export function parseResultEntry<Value>(id: string, flat: readonly string[]): JobResult<Value> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  const typeNumber = Number(fields.type) as keyof typeof RESULT_TYPES;
  const type = RESULT_TYPES[typeNumber] ?? "failed";
  return {
    id,
    type,
    createdAt: new Date(Number(id.split("-")[0])),
    returnValue: type === "successful" ? (decodeReturnValue(fields.return_value) as Value | null) : null,
    excString: decodeExcString(fields.exc_string),
    workerName: fields.worker_name ?? "",
    executionId: fields.execution_id || undefined,
    executionStartedAt: epochToDate(fields.execution_started_at),
    executionEndedAt: epochToDate(fields.execution_ended_at),
  };
}

type StreamEntry = [string, string[]];

/** The newest result of a job, or `null` when it has none. */
export async function latestResult<Value>(redis: Redis, jobId: string): Promise<JobResult<Value> | null> {
  const entries = (await redis.xrevrange(keys.results(jobId), "+", "-", "COUNT", 1)) as StreamEntry[];
  const entry = entries[0];
  return entry ? parseResultEntry<Value>(entry[0], entry[1]) : null;
}

/** A job's result history, newest first (RQ keeps about ten). */
export async function resultHistory<Value>(redis: Redis, jobId: string): Promise<JobResult<Value>[]> {
  const entries = (await redis.xrevrange(keys.results(jobId), "+", "-")) as StreamEntry[];
  return entries.map(([id, flat]) => parseResultEntry<Value>(id, flat));
}
