/**
 * Where word counts are kept: the app's own Redis keys, not RQ's. RQ's result expires with the job
 * (`result_ttl`); like the realpython app, which saved a row in Postgres and returned its id, the task
 * saves the count here for good and returns only a pointer (the record's id) as the job's result.
 *
 * | key                              | type   | purpose                               | TTL  |
 * |----------------------------------|--------|---------------------------------------|------|
 * | long-tasks:wordcount:last-id     | string | the last record id handed out (INCR)  | none |
 * | long-tasks:wordcount:{id}        | string | one record, JSON (`WordCountRecord`)  | none |
 */
import type { Redis } from "ioredis";
import type { WordCount } from "./word-count";

/** One saved count. */
export interface WordCountRecord extends WordCount {
  /** The record's id: the pointer a word-count job returns. */
  id: number;
  /** The page as submitted, and where it was found after redirects. */
  url: string;
  finalUrl: string;
  /** When it was counted, ISO 8601. */
  countedAt: string;
}

/** The key names; nothing else in the app spells them. */
export const wordCountKeys = {
  lastId: "long-tasks:wordcount:last-id",
  record: (id: number) => `long-tasks:wordcount:${id}`,
};

/** Saves a count under a new id (with no expiry) and returns that id. */
export async function saveWordCount(redis: Redis, count: Omit<WordCountRecord, "id">): Promise<number> {
  const id = await redis.incr(wordCountKeys.lastId);
  await redis.set(wordCountKeys.record(id), JSON.stringify({ id, ...count } satisfies WordCountRecord));
  return id;
}

/** Loads a saved count, or `null` when there is none with this id. */
export async function loadWordCount(redis: Redis, id: number): Promise<WordCountRecord | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const json = await redis.get(wordCountKeys.record(id));
  return json === null ? null : (JSON.parse(json) as WordCountRecord);
}
