/**
 * The users table in an embedded SQLite file (better-sqlite3). The web app and the worker open the
 * same file from two processes: WAL mode lets one write while the other reads, and a busy timeout
 * makes a writer wait for the other instead of failing.
 *
 * Each user has the tutorial's two flags — `email_sent` (the worker wrote it after SES accepted the
 * mail) and `confirmed` (the link was followed) — plus where sending stands, so the page can show a
 * retry or a refusal instead of a mail that never comes.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { DuplicateEmailError } from "./errors";

/** Where sending the confirmation mail stands. */
export type SendStatus = "queued" | "retrying" | "sent" | "failed";

/** One row of the users table. */
export interface User {
  id: number;
  email: string;
  confirmed: boolean;
  emailSent: boolean;
  sendStatus: SendStatus;
  /** Why the last attempt failed (retrying) or why sending gave up (failed); null otherwise. */
  sendError: string | null;
  /** SES's id of the sent message. */
  messageId: string | null;
  registeredAt: string;
}

/** What {@link UserStore.confirm} did. */
export type ConfirmOutcome = "confirmed" | "already-confirmed" | "no-such-user";

interface UserRow {
  id: number;
  email: string;
  confirmed: number;
  email_sent: number;
  send_status: SendStatus;
  send_error: string | null;
  message_id: string | null;
  registered_at: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  confirmed INTEGER NOT NULL DEFAULT 0,
  email_sent INTEGER NOT NULL DEFAULT 0,
  send_status TEXT NOT NULL DEFAULT 'queued',
  send_error TEXT,
  message_id TEXT,
  registered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

/** The users table. Open one per process; `close()` when done. */
export class UserStore {
  private readonly db: Database.Database;

  /** Opens (and creates, with its folder) the database file at `path`; `":memory:"` for a private one. */
  constructor(readonly path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("busy_timeout = 5000");
    this.db.exec(SCHEMA);
  }

  /** Adds a user with both flags false. Throws {@link DuplicateEmailError} when the address (in any case) exists. */
  register(email: string): User {
    try {
      const row = this.db.prepare<[string], UserRow>("INSERT INTO users (email) VALUES (?) RETURNING *").get(email)!;
      return toUser(row);
    } catch (error) {
      if ((error as { code?: string }).code === "SQLITE_CONSTRAINT_UNIQUE") throw new DuplicateEmailError(email);
      throw error;
    }
  }

  /** Takes back a registration whose mail could not even be queued, so the address can sign up again. */
  remove(id: number): void {
    this.db.prepare("DELETE FROM users WHERE id = ?").run(id);
  }

  /** The user with this id, or null. */
  get(id: number): User | null {
    const row = this.db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?").get(id);
    return row ? toUser(row) : null;
  }

  /** Every user, newest first. */
  list(): User[] {
    return this.db.prepare<[], UserRow>("SELECT * FROM users ORDER BY id DESC").all().map(toUser);
  }

  /** Records that SES accepted the mail (the worker's write-back). */
  markEmailSent(id: number, messageId: string): void {
    this.db.prepare("UPDATE users SET email_sent = 1, send_status = 'sent', send_error = NULL, message_id = ? WHERE id = ?").run(messageId, id);
  }

  /** Records a failed attempt that will be retried. */
  markRetrying(id: number, reason: string): void {
    this.db.prepare("UPDATE users SET send_status = 'retrying', send_error = ? WHERE id = ? AND email_sent = 0").run(reason, id);
  }

  /** Records that sending gave up: a permanent refusal, or every retry used. */
  markSendFailed(id: number, reason: string): void {
    this.db.prepare("UPDATE users SET send_status = 'failed', send_error = ? WHERE id = ? AND email_sent = 0").run(reason, id);
  }

  /** Sets `confirmed`, once. */
  confirm(id: number, email: string): ConfirmOutcome {
    const user = this.get(id);
    // The address is checked too: a token made for an address no longer registered confirms nothing.
    if (!user || user.email.toLowerCase() !== email.toLowerCase()) return "no-such-user";
    const changed = this.db.prepare("UPDATE users SET confirmed = 1 WHERE id = ? AND confirmed = 0").run(id).changes;
    return changed === 1 ? "confirmed" : "already-confirmed";
  }

  close(): void {
    this.db.close();
  }
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    confirmed: row.confirmed === 1,
    emailSent: row.email_sent === 1,
    sendStatus: row.send_status,
    sendError: row.send_error,
    messageId: row.message_id,
    registeredAt: row.registered_at,
  };
}
