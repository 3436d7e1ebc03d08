/**
 * CronEntries: a queue's cron and interval entries in Redis (`queue.cronEntries`). It registers
 * entries (for `queue.cron` / `queue.schedule`), lists them with their next run, and pauses, resumes
 * and removes them — each change one Lua script. It never fires an entry: schedulers do (scheduler.ts).
 */
import type { Redis } from "ioredis";
import { NoSuchCronEntryError } from "../errors.js";
import { keys } from "../keys.js";
import { cronPauseScript } from "../lua/cron-pause.js";
import { cronRemoveScript } from "../lua/cron-remove.js";
import { cronSaveScript } from "../lua/cron-save.js";
import { runScript } from "../scripts.js";
import { rqTimestamp } from "../time.js";
import { firstAtOrAfter } from "./catch-up.js";
import { readEntry, storedCadence, type CronEntry, type EntryDefinition } from "./entry.js";

/** A page of entries, in next-run order (paused entries last). */
export interface CronEntryListOptions {
  /** First position (0-based). @defaultValue 0 */
  start?: number;
  /** Last position, inclusive; -1 is the end. @defaultValue -1 */
  end?: number;
}

export class CronEntries {
  constructor(
    readonly connection: Redis,
    readonly queueName: string,
  ) {}

  /** The sorted set of the queue's entries, `rq:cron:{q}`. */
  get key(): string {
    return keys.cronEntries(this.queueName);
  }

  /**
   * Stores a validated entry (use `queue.cron` or `queue.schedule`, which validate). Registering the
   * same definition again changes nothing; a changed definition under the same id replaces it.
   */
  async save(definition: EntryDefinition, now: Date = new Date()): Promise<CronEntry> {
    // at or after now: an interval series anchored now starts at once
    const nextRun = firstAtOrAfter(definition.cadence, now.getTime()) ?? "";
    await runScript<number>(this.connection, cronSaveScript, [this.key, keys.cronEntry(this.queueName, definition.id)], [
      definition.id,
      definition.fingerprint,
      nextRun,
      rqTimestamp(now),
      ...definition.fields.flat(),
    ]);
    return this.mustGet(definition.id);
  }

  /** The entry with this id, or `null`. */
  async get(id: string): Promise<CronEntry | null> {
    const hash = await this.connection.hgetall(keys.cronEntry(this.queueName, id));
    return Object.keys(hash).length === 0 ? null : readEntry(this.queueName, id, hash).entry;
  }

  /** Entries in next-run order (paused last), a page at a time. Entries whose hash vanished are left out. */
  async list(options: CronEntryListOptions = {}): Promise<CronEntry[]> {
    const ids = await this.connection.zrange(this.key, String(options.start ?? 0), String(options.end ?? -1));
    if (ids.length === 0) return [];
    const pipeline = this.connection.pipeline();
    for (const id of ids) pipeline.hgetall(keys.cronEntry(this.queueName, id));
    const replies = (await pipeline.exec()) ?? [];
    const entries: CronEntry[] = [];
    ids.forEach((id, index) => {
      const [error, hash] = replies[index] ?? [];
      if (error) throw error;
      const fields = hash as Record<string, string>;
      if (Object.keys(fields).length > 0) entries.push(readEntry(this.queueName, id, fields).entry);
    });
    return entries;
  }

  /** How many entries the queue has (paused ones included). */
  count(): Promise<number> {
    return this.connection.zcard(this.key);
  }

  /** Pauses an entry: no job is enqueued for ticks until it is resumed. Throws `NoSuchCronEntryError`. */
  async pause(id: string): Promise<CronEntry> {
    const reply = await runScript<number>(this.connection, cronPauseScript, [this.key, keys.cronEntry(this.queueName, id)], ["pause", id, ""]);
    if (reply === 0) throw new NoSuchCronEntryError(this.queueName, id);
    return this.mustGet(id);
  }

  /**
   * Resumes a paused entry from now: ticks that fell while it was paused are not served. Clears the
   * error of an entry the scheduler paused. Throws `NoSuchCronEntryError`, or InvalidArgumentError
   * when its stored timing cannot be used (register it again).
   */
  async resume(id: string, now: Date = new Date()): Promise<CronEntry> {
    for (;;) {
      const hash = await this.connection.hgetall(keys.cronEntry(this.queueName, id));
      if (Object.keys(hash).length === 0) throw new NoSuchCronEntryError(this.queueName, id);
      const nextRun = firstAtOrAfter(storedCadence(hash), now.getTime()) ?? "";
      const reply = await runScript<number>(this.connection, cronPauseScript, [this.key, keys.cronEntry(this.queueName, id)], [
        "resume",
        id,
        nextRun,
        hash.fingerprint ?? "",
      ]);
      if (reply === 0) throw new NoSuchCronEntryError(this.queueName, id);
      // -1: someone registered a new definition between our read and the script; compute again
      if (reply !== -1) return this.mustGet(id);
    }
  }

  /** Removes an entry; jobs it enqueued already stay. Returns whether it existed. */
  async remove(id: string): Promise<boolean> {
    const reply = await runScript<number>(this.connection, cronRemoveScript, [this.key, keys.cronEntry(this.queueName, id)], [id]);
    return reply === 1;
  }

  private async mustGet(id: string): Promise<CronEntry> {
    const entry = await this.get(id);
    if (!entry) throw new NoSuchCronEntryError(this.queueName, id);
    return entry;
  }
}
