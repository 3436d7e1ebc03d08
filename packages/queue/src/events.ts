/**
 * QueueEvents: live job events across processes, so a web app can follow jobs without polling Redis.
 *
 * Workers publish each transition on the pub/sub channel `rq:events:{queue}` from inside the Lua script
 * that makes it (started, finished, failed, stopped, retrying, repeated, dependents released) and on
 * `currentJob().setProgress()`. A QueueEvents object subscribes on a connection of its own.
 *
 * Pub/sub delivers to whoever listens at that moment: to follow one job, subscribe first, then read
 * its status once (`job.getStatus()`), then rely on events.
 */
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import { InvalidArgumentError, toError } from "./errors.js";
import { keys, prefixes } from "./keys.js";
import { decodeExcString, decodeReturnValue } from "./serializer.js";

interface EventBase {
  jobId: string;
  queue: string;
  /** When it happened. */
  at: Date;
}

export type QueueEvent =
  | (EventBase & { event: "started"; worker: string })
  | (EventBase & { event: "progress"; progress: unknown })
  | (EventBase & { event: "finished"; worker: string; returnValue: unknown })
  | (EventBase & { event: "failed" | "stopped"; worker: string; error: string })
  | (EventBase & { event: "retrying"; worker: string; error: string; delaySeconds: number })
  | (EventBase & { event: "queued" | "scheduled"; delaySeconds: number });

export type QueueEventName = QueueEvent["event"];

type EventMap = { [K in QueueEventName]: [Extract<QueueEvent, { event: K }>] } & {
  /** Every event. */
  event: [QueueEvent];
  error: [Error];
};

/** Turns a published message into a typed event; `undefined` for anything malformed. */
export function parseQueueEvent(message: string): QueueEvent | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw.job_id !== "string" || typeof raw.event !== "string") return undefined;
  const base = { jobId: raw.job_id, queue: String(raw.queue ?? ""), at: new Date(Number(raw.at) * 1000) };
  const worker = String(raw.worker ?? "");
  const error = typeof raw.exc_string === "string" ? (decodeExcString(raw.exc_string) ?? "") : "";
  const delaySeconds = Number(raw.delay ?? 0);
  switch (raw.event) {
    case "started":
      return { ...base, event: "started", worker };
    case "progress":
      return { ...base, event: "progress", progress: raw.progress };
    case "finished":
      return { ...base, event: "finished", worker, returnValue: decodeReturnValue(typeof raw.return_value === "string" ? raw.return_value : undefined) };
    case "failed":
    case "stopped":
      return { ...base, event: raw.event, worker, error };
    case "retrying":
      return { ...base, event: "retrying", worker, error, delaySeconds };
    case "queued":
    case "scheduled":
      return { ...base, event: raw.event, delaySeconds };
    default:
      return undefined;
  }
}

export class QueueEvents extends EventEmitter<EventMap> {
  readonly queueNames: readonly string[];
  private readonly subscriber: Redis;
  private readonly subscribed: Promise<void>;

  /** Subscribes to the events of one or more queues. `ready()` resolves once subscribed. */
  constructor(queues: string | readonly string[], options: { connection: Redis }) {
    super();
    this.queueNames = typeof queues === "string" ? [queues] : [...queues];
    if (this.queueNames.length === 0) throw new InvalidArgumentError("QueueEvents needs at least one queue name");
    if (!options?.connection) throw new InvalidArgumentError("new QueueEvents(queues, { connection }): pass an ioredis connection");
    this.subscriber = options.connection.duplicate();
    this.subscriber.on("error", (error: Error) => this.listenerCount("error") > 0 && this.emit("error", error));
    this.subscriber.on("message", (channel: string, message: string) => {
      if (!channel.startsWith(prefixes.events)) return;
      const event = parseQueueEvent(message);
      if (!event) return;
      // the event's name selects its type; EventEmitter's typing cannot follow a runtime key
      const emit = this.emit.bind(this) as (name: string, payload: QueueEvent) => boolean;
      emit(event.event, event);
      emit("event", event);
    });
    this.subscribed = this.subscriber.subscribe(...this.queueNames.map((q) => keys.events(q))).then(() => undefined);
    this.subscribed.catch((error: unknown) => this.listenerCount("error") > 0 && this.emit("error", toError(error)));
  }

  /** Resolves once the subscription is in place: events published after this are delivered. */
  ready(): Promise<void> {
    return this.subscribed;
  }

  /** Unsubscribes and closes the connection. */
  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
