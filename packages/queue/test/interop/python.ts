/**
 * Runs real Python RQ (Debian's python3-rq, RQ 1.13) next to rqts: Python snippets and the `rq` CLI
 * in child processes, with probe_tasks.py importable, against the test's throwaway Redis.
 *
 * Debian installs RQ into its own Python: `/usr/bin/python3`, not whatever `python3` is first on PATH.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
export const PYTHON = process.env.RQTS_PYTHON ?? "/usr/bin/python3";
const fixtures = fileURLToPath(new URL("../fixtures/interop/", import.meta.url));

/** The RQ version Python has, or undefined when `import rq` fails. */
export function pythonRqVersion(): string | undefined {
  const probe = spawnSync(PYTHON, ["-c", "import rq; print(rq.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : undefined;
}

function env(): NodeJS.ProcessEnv {
  return { ...process.env, PYTHONPATH: fixtures, PYTHONDONTWRITEBYTECODE: "1" };
}

/** Python code that starts with a connection `c` to `url` and the JSON serializer `S` imported. */
function prelude(url: string): string {
  return [
    "import json, sys",
    "from redis import Redis",
    "from rq import Queue, Worker",
    "from rq.job import Job",
    "from rq.serializers import JSONSerializer as S",
    `c = Redis.from_url(${JSON.stringify(url)})`,
    "",
  ].join("\n");
}

/** Runs a Python snippet; whatever it prints with `print(json.dumps(…))` on its last line is parsed. */
export async function python<T = unknown>(url: string, code: string): Promise<T> {
  const { stdout } = await run(PYTHON, ["-c", prelude(url) + code], { env: env(), timeout: 30_000 });
  const last = stdout.trim().split("\n").at(-1) ?? "null";
  return JSON.parse(last) as T;
}

/** Runs the `rq` CLI (`python3 -m rq.cli`) and returns its output. */
export async function rq(url: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(PYTHON, ["-m", "rq.cli", ...args, "--url", url], { env: env(), timeout: 60_000 });
}

/** Starts `rq worker` in the background (a forking Python worker); stop it with `kill()`. */
export function startRqWorker(url: string, args: string[]): ChildProcess {
  return spawn(PYTHON, ["-m", "rq.cli", "worker", ...args, "--url", url], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
}
