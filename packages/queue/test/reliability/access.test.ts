/**
 * Access: a Redis that wants a password, an ACL user (also one limited to rqts's own keys and
 * channels), and TLS (`rediss://`). A worker opens several connections of its own (duplicates of the
 * one it is given: its main one, one blocking dequeue per queue, its command subscriber), and so do
 * QueueEvents and waitForResult: each must authenticate, or the worker would stall on the first one
 * that does not. About 5 s.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis, type RedisOptions } from "ioredis";
import { freePort, startRedis, type RedisServer } from "@rqts/testing";
import { Queue, QueueEvents, Worker, sendCommand, type QueueEvent, type WorkerOptions } from "../../src/index.js";
import { add, progress } from "../fixtures/tasks.js";
import { clientList } from "../fixtures/reliability/clients.js";
import { eventually, fastTimings, uniqueQueue } from "../helpers.js";

const PASSWORD = "default-pass-7f3e";
const ACL_USERS = [
  "alice on >alice-pass-91c2 ~* &* +@all",
  // least privilege: rqts's keys and channels only, no @dangerous commands (INFO among them, hence
  // enableReadyCheck: false below)
  "rqts on >rqts-pass-4d0a ~rq:* &rq:* +@all -@dangerous",
];

let server: RedisServer;
let admin: Redis;

beforeAll(async () => {
  server = await startRedis({ args: ["--requirepass", PASSWORD, ...ACL_USERS.flatMap((user) => ["--user", ...user.split(" ")])] });
  admin = new Redis(server.port, "127.0.0.1", { password: PASSWORD });
});
afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

const connections: Redis[] = [];
afterAll(() => connections.forEach((connection) => connection.disconnect()));

function connect(url: string, options: RedisOptions = {}): Redis {
  const connection = new Redis(url, { maxRetriesPerRequest: 3, ...options });
  connection.on("error", () => undefined);
  connections.push(connection);
  return connection;
}

/**
 * Runs a job end to end on `connection`: a worker takes it from a blocking dequeue, QueueEvents sees
 * it finish, waitForResult reads the result; then a shutdown command over pub/sub stops the worker.
 * Returns the worker's connections as Redis listed them while it was blocked: their names (the worker's
 * name written W, the queue's Q) and the users they authenticated as, sorted by name.
 */
async function roundTrip(connection: Redis, workerOptions: Partial<WorkerOptions> = {}): Promise<{ names: string[]; users: string[] }> {
  const q = uniqueQueue("access");
  const queue = new Queue(q, { connection });
  const events = new QueueEvents(q, { connection });
  await events.ready();
  const seen: QueueEvent[] = [];
  events.on("event", (event) => seen.push(event));
  const worker = new Worker(q, { connection, tasks: [add, progress], logger: false, handleSignals: false, ...fastTimings, ...workerOptions });
  const running = worker.run();

  const blocking = `${worker.name}:blocking:${q}`;
  const list = await eventually(() => clientList(admin), (clients) => clients.some((c) => c.name === blocking && c.cmd === "blmove") && clients.some((c) => c.name === `${worker.name}:pubsub`));
  const job = await queue.enqueue(progress, [2]);
  expect(await job.waitForResult({ timeout: "10s" })).toMatchObject({ id: job.id, queue: q });
  expect((await job.refresh()).meta).toMatchObject({ progress: 1, note: "written by the handler" });
  await eventually(async () => seen.map((event) => event.event), (names) => names.includes("finished"));
  expect(seen.map((event) => event.event)).toEqual(expect.arrayContaining(["started", "progress", "finished"]));

  expect(await sendCommand(connection, worker.name, { command: "shutdown" })).toBe(1);
  await running;
  await events.close();
  const mine = list
    .filter((c) => c.name === worker.name || c.name?.startsWith(`${worker.name}:`))
    .sort((a, b) => a.name!.localeCompare(b.name!));
  return { names: mine.map((c) => c.name!.replace(worker.name, "W").replace(q, "Q")), users: mine.map((c) => c.user!) };
}

const url = (credentials: string) => `redis://${credentials}@127.0.0.1:${server.port}`;

describe("a Redis that requires authentication", () => {
  it("with requirepass: Queue, Worker, QueueEvents and waitForResult work end to end, every worker connection authenticated", async () => {
    const { names, users } = await roundTrip(connect(url(`:${PASSWORD}`)));
    expect(names).toEqual(["W", "W:blocking:Q", "W:pubsub"]);
    expect(users).toEqual(["default", "default", "default"]);
  });

  it("with an ACL user in the URL: the same, and every connection runs as that user", async () => {
    const { names, users } = await roundTrip(connect(url("alice:alice-pass-91c2")));
    expect(names).toEqual(["W", "W:blocking:Q", "W:pubsub"]);
    expect(users).toEqual(["alice", "alice", "alice"]);
  });

  it("with an ACL user limited to ~rq:* keys and &rq:* channels and no @dangerous commands, and with process isolation", async () => {
    const tasksModule = fileURLToPath(new URL("../fixtures/isolated-tasks.ts", import.meta.url));
    const connection = connect(url("rqts:rqts-pass-4d0a"), { enableReadyCheck: false });
    const q = uniqueQueue("access-iso");
    const worker = new Worker(q, { connection, isolation: "process", tasksModule, logger: false, handleSignals: false, ...fastTimings });
    const running = worker.run();
    const job = await new Queue(q, { connection }).enqueue("iso.progress", [3]);
    expect(await job.waitForResult({ timeout: "20s" })).toBeDefined();
    expect((await job.refresh()).meta.progress).toBe(1); // written by the parent for the child, as user rqts
    worker.stop();
    await running;
    expect((await roundTrip(connection)).users).toEqual(["rqts", "rqts", "rqts"]);
  }, 30_000);

  it("a wrong password makes run() reject with Redis's own reason instead of hanging", async () => {
    const worker = new Worker(uniqueQueue("access-denied"), {
      connection: connect(url("alice:wrong-password")),
      tasks: [add],
      logger: false,
      handleSignals: false,
    });
    await expect(worker.run()).rejects.toThrow(/WRONGPASS|NOAUTH/);
  });
});

/** Starts a TLS-only Redis with a throwaway self-signed certificate, or says why it cannot. */
async function startTlsRedis(dir: string): Promise<{ server: RedisServer; ca: Buffer } | { skip: string }> {
  const cert = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const openssl = spawnSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
    { encoding: "utf8" },
  );
  if (openssl.error || openssl.status !== 0) return { skip: `openssl could not make a certificate (${openssl.error?.message ?? openssl.stderr.trim()})` };
  const port = await freePort();
  try {
    const tls = await startRedis({
      port,
      args: ["--port", "0", "--tls-port", String(port), "--tls-cert-file", cert, "--tls-key-file", key, "--tls-ca-cert-file", cert, "--tls-auth-clients", "no", "--requirepass", PASSWORD],
    });
    return { server: tls, ca: readFileSync(cert) };
  } catch (error) {
    const message = (error as Error).message;
    if (/tls|Bad directive/i.test(message)) return { skip: `this redis-server was built without TLS: ${message.split("\n").slice(-3).join(" ")}` };
    throw error;
  }
}

describe("TLS", () => {
  it("a rediss:// URL works end to end, every worker connection encrypted", async ({ skip }) => {
    const dir = mkdtempSync(join(tmpdir(), "rqts-tls-"));
    try {
      const started = await startTlsRedis(dir);
      if ("skip" in started) {
        console.log(`SKIPPED rediss:// test: ${started.skip}`);
        skip(started.skip);
        return;
      }
      try {
        const connection = connect(`rediss://:${PASSWORD}@127.0.0.1:${started.server.port}`, { tls: { ca: started.ca } });
        const tlsAdmin = connect(`rediss://:${PASSWORD}@127.0.0.1:${started.server.port}`, { tls: { ca: started.ca } });
        const q = uniqueQueue("tls");
        const worker = new Worker(q, { connection, tasks: [add], logger: false, handleSignals: false, ...fastTimings });
        const running = worker.run();
        const job = await new Queue(q, { connection }).enqueue(add, [40, 2]);
        expect(await job.waitForResult({ timeout: "10s" })).toBe(42);
        // the server has no plain TCP port at all: each of these connections is TLS
        const mine = (await clientList(tlsAdmin)).filter((c) => c.name === worker.name || c.name?.startsWith(`${worker.name}:`));
        expect(mine.length).toBeGreaterThanOrEqual(2);
        worker.stop();
        await running;
        // the certificate is checked: a client that does not trust it gets no connection
        const untrusting = connect(`rediss://:${PASSWORD}@127.0.0.1:${started.server.port}`, { maxRetriesPerRequest: 1 });
        const refusals: Error[] = [];
        untrusting.on("error", (error: Error) => refusals.push(error));
        await expect(untrusting.ping()).rejects.toThrow();
        expect(refusals.map((error) => error.message)).toContainEqual(expect.stringMatching(/self[- ]signed certificate/i));
      } finally {
        await started.server.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
