/**
 * What every `rqts` command shares: the connection option (`--url` / REDIS_URL, redis:// and
 * rediss://, user and password), help with an example, and exit codes for a wrong command line.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startRedis, type RedisServer } from "@rqts/testing";
import { VERSION } from "../../src/index.js";
import { ensureBuilt, rqts } from "../fixtures/cli/run-cli.js";
import { uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();
const COMMANDS = ["worker", "info", "enqueue", "job", "requeue", "cancel", "stop", "empty", "suspend", "resume"];

/** A second Redis that wants a password (and knows an ACL user) and also speaks TLS on `tlsPort`. */
const secure = {} as { server: RedisServer; tlsPort: number; certDir: string; ca: string };

beforeAll(async () => {
  await ensureBuilt();
  secure.certDir = mkdtempSync(join(tmpdir(), "rqts-cli-tls-"));
  secure.ca = join(secure.certDir, "cert.pem");
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", join(secure.certDir, "key.pem"), "-out", secure.ca,
    ], { stdio: "pipe" });
  } catch (error) {
    throw new Error(`openssl could not make a test certificate (apt-get install openssl): ${(error as Error).message}`);
  }
  secure.tlsPort = await freePort();
  secure.server = await startRedis({
    args: [
      "--requirepass", "topsecret",
      "--user", "alice", "on", ">wonderland", "~*", "&*", "+@all",
      "--tls-port", String(secure.tlsPort),
      "--tls-cert-file", secure.ca,
      "--tls-key-file", join(secure.certDir, "key.pem"),
      "--tls-auth-clients", "no",
    ],
  });
}, 120_000);

afterAll(async () => {
  await secure.server?.stop();
  rmSync(secure.certDir, { recursive: true, force: true });
});

describe("rqts: connecting", () => {
  it("uses REDIS_URL when --url is not given, and --url over it", async () => {
    const fromEnv = await rqts(["info"], { redisUrl: ctx.server.url });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain(`rqts info · ${ctx.server.url} ·`);
    const port = await freePort();
    const overridden = await rqts(["info", "--url", `redis://127.0.0.1:${port}`], { redisUrl: ctx.server.url });
    expect(overridden.code).toBe(1);
  });

  it("exits 1 at once, saying where the URL came from, when nothing listens there", async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const run = await rqts(["suspend"], { redisUrl: url });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`rqts suspend: Cannot reach Redis at ${url} (from REDIS_URL): connection refused. Is redis-server running there? Set --url or REDIS_URL.\n`);
  });

  it("exits 2 for a URL that is not a redis:// or rediss:// URL", async () => {
    const notUrl = await rqts(["info", "--url", "localhost:6379"], { redisUrl: ctx.server.url });
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('must start with redis:// or rediss:// (TLS); got localhost:');
    const garbage = await rqts(["info", "--url", "::"], { redisUrl: ctx.server.url });
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toContain('--url "::" is not a URL');
  });

  it("asks for the password Redis wants, refuses a wrong one, and connects with user:password", async () => {
    const base = `127.0.0.1:${secure.server.port}`;
    const none = await rqts(["suspend"], { redisUrl: `redis://${base}` });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("requires a password: put it in the URL");
    const wrong = await rqts(["suspend"], { redisUrl: `redis://alice:nope@${base}` });
    expect(wrong.stderr).toContain("refused the username or password");
    expect(wrong.stderr).not.toContain("nope");

    const queue = uniqueQueue("acl");
    const enqueue = await rqts(["enqueue", queue, "tests.add", "[1, 2]"], { redisUrl: `redis://alice:wonderland@${base}` });
    expect(enqueue.code).toBe(0);
    const info = await rqts(["info", queue], { redisUrl: `redis://:topsecret@${base}` });
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(`rqts info · redis://:***@${base} ·`);
    expect(info.stdout).toMatch(/queued +1/);
  });

  it("connects over TLS with rediss:// when the certificate is trusted, and explains when it is not", async () => {
    const url = `rediss://:topsecret@127.0.0.1:${secure.tlsPort}`;
    const untrusted = await rqts(["resume"], { redisUrl: url });
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toContain("its TLS certificate is not trusted");
    expect(untrusted.stderr).toContain("NODE_EXTRA_CA_CERTS");
    const trusted = await rqts(["resume"], { redisUrl: url, env: { NODE_EXTRA_CA_CERTS: secure.ca } });
    expect(trusted.stderr).toBe("");
    expect(trusted.code).toBe(0);
    const plainToTls = await rqts(["resume"], { redisUrl: `redis://:topsecret@127.0.0.1:${secure.tlsPort}` });
    expect(plainToTls.code).toBe(1);
  });
});

describe("rqts: the command line", () => {
  it("has help with an example for every command", async () => {
    const overview = await rqts(["--help"], { redisUrl: ctx.server.url });
    expect(overview.code).toBe(0);
    for (const command of COMMANDS) expect(overview.stdout).toMatch(new RegExp(`^  ${command} +\\S`, "m"));
    for (const command of COMMANDS) {
      const help = await rqts([command, "--help"], { redisUrl: ctx.server.url });
      expect(help.code, command).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: rqts ${command}`));
      expect(help.stdout).toMatch(new RegExp(`Examples?:\\n  rqts ${command}`));
      expect(help.stdout).toContain("--url <url>");
    }
    const info = await rqts(["help", "info"], { redisUrl: ctx.server.url });
    expect(info.stdout).toContain("It changes nothing");
    expect(info.stdout).toContain("--clean");
  });

  it("suggests the command meant for a typo, and exits 2 on a wrong command line", async () => {
    const typo = await rqts(["requeu", "--all"], { redisUrl: ctx.server.url });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('Unknown command "requeu". Did you mean "requeue"?');
    const none = await rqts([], { redisUrl: ctx.server.url });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage: rqts <command>");
    const missing = await rqts(["job"], { redisUrl: ctx.server.url });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing arguments: usage is "rqts job <id> [--json]"');
    const value = await rqts(["suspend", "--duration"], { redisUrl: ctx.server.url });
    expect(value.code).toBe(2);
    expect(value.stderr).toBe('rqts suspend: Option --duration needs a value. Run "rqts suspend --help".\n');
    expect((await rqts(["--version"], { redisUrl: ctx.server.url })).stdout).toBe(`${VERSION}\n`);
  });
});
