/**
 * Throwaway redis-server instances for tests.
 *
 * Every Redis test starts its own server on a free TCP port with persistence off
 * (`--save '' --appendonly no`), waits until it accepts connections and stops it by
 * pid. Nothing here ever touches a server on the standard port 6379.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface StartRedisOptions {
  /** Extra `redis-server` arguments, e.g. `["--appendonly", "yes"]`. Default: none. */
  args?: string[];
  /** How long to wait for "Ready to accept connections". Default: 10 s. */
  startTimeoutMs?: number;
  /** A port to use instead of a free one (e.g. to restart on the same port). */
  port?: number;
  /** A data directory to reuse (e.g. to restart with the same append-only file). Default: a new temp dir. */
  dir?: string;
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  readonly pid: number;
  /** The server's working directory (its data files live here). */
  readonly dir: string;
  /** A new ioredis client connected to this server; closed by `stop()` too. */
  client(): Redis;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and removes its temp dir. */
  stop(): Promise<void>;
  /** Kills the server with SIGKILL at once, keeping its dir (for crash tests). */
  kill(): Promise<void>;
}

/** The redis-server binary: `$REDIS_SERVER_BIN`, else `redis-server` on PATH. */
export function redisServerBinary(): string {
  return process.env.REDIS_SERVER_BIN ?? "redis-server";
}

/** Finds a free TCP port on 127.0.0.1 by binding port 0 and closing it again. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not read a free port"))));
    });
  });
}

/** Starts a private redis-server on a free port and resolves once it accepts connections. */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "rqts-redis-"));
  // A port picked by freePort() can be taken by someone else before redis binds it: retry a few times.
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await launch(port, dir, ownDir, options);
    } catch (error) {
      if (attempt >= 3 || options.port !== undefined || !(error instanceof PortInUseError)) {
        if (ownDir) rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

class PortInUseError extends Error {}

async function launch(port: number, dir: string, ownDir: boolean, options: StartRedisOptions): Promise<RedisServer> {
  if (port === 6379) throw new Error("startRedis refuses port 6379: tests never touch the standard Redis port");
  const args = [
    "--port", String(port),
    "--bind", "127.0.0.1",
    "--save", "",
    "--appendonly", "no",
    "--dir", dir,
    "--daemonize", "no",
    "--logfile", "",
    ...(options.args ?? []),
  ];
  const binary = redisServerBinary();
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  const clients: Redis[] = [];
  await waitUntilReady(child, binary, options.startTimeoutMs ?? 10_000);
  const pid = child.pid ?? 0;
  const url = `redis://127.0.0.1:${port}`;

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const closeClients = () => {
    for (const client of clients.splice(0)) client.disconnect();
  };
  return {
    port,
    url,
    pid,
    dir,
    client() {
      const client = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
      client.on("error", () => undefined); // a stopped server is expected at the end of a test
      clients.push(client);
      return client;
    },
    async stop() {
      closeClients();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(timer);
      }
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

function waitUntilReady(child: ChildProcess, binary: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`redis-server did not become ready within ${timeoutMs} ms. Output:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === "ENOENT"
          ? new Error(
              `redis-server was not found (tried "${binary}"). Install it (Debian/Ubuntu: sudo apt-get install -y redis-server; ` +
                `macOS: brew install redis) or set REDIS_SERVER_BIN to its path.`,
            )
          : error,
      );
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      const message = `redis-server exited before it was ready (code ${code}, signal ${signal}). Output:\n${output}`;
      reject(/Address already in use/i.test(output) ? new PortInUseError(message) : new Error(message));
    });
  });
}
