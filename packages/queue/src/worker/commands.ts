/**
 * Commands: the worker listens on `rq:pubsub:{name}` for RQ's JSON commands, on a connection of its own:
 * - `{"command": "shutdown"}`: a warm shutdown, as if the worker got SIGINT;
 * - `{"command": "stop-job", "job_id": "…"}`: stop that running job (Python's `send_stop_job_command`);
 * - `{"command": "kill-horse"}`: stop every running job (RQ kills its work-horse).
 * Anything else, or text that is not JSON, is logged and ignored.
 */
import type { Redis } from "ioredis";
import { keys } from "../keys.js";

export interface CommandHandlers {
  shutdown(): void;
  stopJob(jobId: string): void;
  stopAll(): void;
  warn(message: string): void;
}

export class CommandListener {
  private subscriber: Redis | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly workerName: string,
    private readonly handlers: CommandHandlers,
  ) {}

  async start(): Promise<void> {
    const subscriber = this.redis.duplicate({ connectionName: `${this.workerName}:pubsub` });
    subscriber.on("error", () => undefined); // ioredis reconnects and resubscribes on its own
    subscriber.on("message", (_channel: string, message: string) => this.handle(message));
    this.subscriber = subscriber;
    await subscriber.subscribe(keys.pubsub(this.workerName));
  }

  async stop(): Promise<void> {
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  private handle(message: string): void {
    let command: { command?: unknown; job_id?: unknown };
    try {
      command = JSON.parse(message) as typeof command;
    } catch {
      this.handlers.warn(`ignored a command that is not JSON: ${message.slice(0, 100)}`);
      return;
    }
    switch (command?.command) {
      case "shutdown":
        this.handlers.shutdown();
        return;
      case "stop-job":
        if (typeof command.job_id === "string") this.handlers.stopJob(command.job_id);
        else this.handlers.warn("ignored a stop-job command without a job_id");
        return;
      case "kill-horse":
        this.handlers.stopAll();
        return;
      default:
        this.handlers.warn(`ignored an unknown command: ${message.slice(0, 100)}`);
    }
  }
}

/** Sends a command to a worker, as Python's `rq.command.send_command` does. Returns how many workers got it. */
export function sendCommand(redis: Redis, workerName: string, command: Record<string, unknown>): Promise<number> {
  return redis.publish(keys.pubsub(workerName), JSON.stringify(command));
}
