/**
 * No code from Redis: a job names a task, and that name is only ever looked up in the table of tasks
 * the worker was given — never resolved through the prototype chain, a module path, a global or an
 * evaluator. Shown at three levels: the task table itself, workers running jobs that name dangerous
 * things (inline and with process isolation), and a scan of the library's source for every way
 * JavaScript can turn text into code.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Queue, UnknownTaskError, Worker, defineTask, keys } from "../../src/index.js";
import { TaskRegistry } from "../../src/tasks.js";
import { encodePayload } from "../../src/serializer.js";
import { allTasks } from "../fixtures/tasks.js";
import { HOSTILE_TASK_NAMES } from "../fixtures/reliability/hostile-jobs.js";
import { eventually, fastTimings, uniqueQueue, useRedis } from "../helpers.js";

const ctx = useRedis();
const packageDir = fileURLToPath(new URL("../..", import.meta.url));

afterEach(() => {
  vi.restoreAllMocks();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** Runs the queue to empty with a burst worker and returns each job's newest error text by id. */
async function runAndCollectErrors(worker: Worker, q: string, ids: readonly string[]): Promise<Map<string, string>> {
  await worker.run({ burst: true });
  const queue = new Queue(q, { connection: ctx.redis });
  const errors = new Map<string, string>();
  for (const id of ids) errors.set(id, (await (await queue.fetchJob(id))?.latestResult())?.excString ?? "(no result)");
  return errors;
}

describe("the task table", () => {
  const registry = new TaskRegistry(allTasks);

  it.each(HOSTILE_TASK_NAMES)("does not resolve %j: it is not a registered name", (name) => {
    expect(() => registry.resolve(name)).toThrow(UnknownTaskError);
    expect(() => new TaskRegistry([]).resolve(name)).toThrow(UnknownTaskError);
  });

  it("resolves a task whose name is also an Object.prototype member only when such a task was registered, and to that task", () => {
    const constructorTask = defineTask("constructor", () => "registered constructor");
    const protoTask = defineTask("__proto__", () => "registered __proto__");
    const own = new TaskRegistry([constructorTask, protoTask]);
    expect(own.resolve("constructor")).toBe(constructorTask);
    expect(own.resolve("__proto__")).toBe(protoTask);
    expect(own.names.sort()).toEqual(["__proto__", "constructor"]);
    expect(() => own.resolve("toString")).toThrow(UnknownTaskError);
    // another table knows nothing of them
    expect(() => registry.resolve("constructor")).toThrow(UnknownTaskError);
  });

  it("names the registered tasks in its error, so the message explains what would be accepted", () => {
    expect(() => registry.resolve("process.exit")).toThrow(/No task named "process\.exit" is registered with this worker \(registered: "tests\.add"/);
  });
});

describe("workers given jobs that name dangerous things", () => {
  it("fail each such job with UnknownTaskError, inline, without calling what the name points at", async () => {
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    const q = uniqueQueue("names");
    const queue = new Queue(q, { connection: ctx.redis });
    const jobs = await queue.enqueueMany(HOSTILE_TASK_NAMES.map((name) => ({ task: name, args: ["/etc/passwd", 0] })));
    // a callback name is a task name too
    await ctx.redis.hset(keys.job(jobs[0]!.id), "failure_callback_name", "child_process.exec");
    const worker = new Worker(q, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, ...fastTimings });

    const errors = await runAndCollectErrors(worker, q, jobs.map((job) => job.id));
    HOSTILE_TASK_NAMES.forEach((name, index) => {
      expect(errors.get(jobs[index]!.id)).toContain(`UnknownTaskError: No task named ${JSON.stringify(name)} is registered`);
    });
    expect(await queue.failed.count()).toBe(HOSTILE_TASK_NAMES.length);
    expect(exit).not.toHaveBeenCalled();
  });

  it("fail each such job with UnknownTaskError under process isolation too, without using a work-horse", async () => {
    const q = uniqueQueue("names-iso");
    const queue = new Queue(q, { connection: ctx.redis });
    const tasksModule = fileURLToPath(new URL("../fixtures/isolated-tasks.ts", import.meta.url));
    const worker = new Worker(q, { connection: ctx.redis, isolation: "process", tasksModule, concurrency: 2, logger: false, handleSignals: false, ...fastTimings });
    const jobs = await queue.enqueueMany([...HOSTILE_TASK_NAMES.map((name) => ({ task: name, args: [] })), { task: "iso.pid", args: [] }]);
    const ids = jobs.map((job) => job.id);

    const errors = await runAndCollectErrors(worker, q, ids);
    HOSTILE_TASK_NAMES.forEach((name, index) => {
      expect(errors.get(ids[index]!)).toContain(`UnknownTaskError: No task named ${JSON.stringify(name)}`);
    });
    // the one real task ran in a work-horse, not in this process
    const pid = await jobs.at(-1)!.returnValue();
    expect(pid).not.toBe(process.pid);
    expect(typeof pid).toBe("number");
  }, 30_000);

  it("treat a hostile name inside `data` written straight into Redis the same way", async () => {
    const q = uniqueQueue("names-raw");
    const id = `raw-${q}`;
    await ctx.redis.hset(keys.job(id), { data: encodePayload({ taskName: "constructor", args: [], kwargs: JSON.parse('{"__proto__": {"polluted": true}}') }), origin: q, status: "queued" });
    await ctx.redis.rpush(keys.queue(q), id);
    const worker = new Worker(q, { connection: ctx.redis, tasks: allTasks, logger: false, handleSignals: false, ...fastTimings });
    const errors = await runAndCollectErrors(worker, q, [id]);
    expect(errors.get(id)).toContain('UnknownTaskError: No task named "constructor"');
    await eventually(() => ctx.redis.zscore(keys.failed(q), id), (score) => score !== null);
  });
});

/** Every .ts file under a folder. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith(".ts") ? [join(dir, entry.name)] : [],
  );
}

/** The source without comments, so that prose about `eval` does not count (strings stay: Lua lives in them). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "").replace(/\s\/\/ .*$/gm, "");
}

/** Ways to turn text into code, in TypeScript and in the Lua scripts rqts sends to Redis. */
const TEXT_TO_CODE: Array<[string, RegExp]> = [
  ["eval()", /\beval\s*\(/],
  ["new Function", /\bnew\s+Function\b/],
  ["Function()", /(?<![.\w])Function\s*\(/],
  ["dynamic import()", /\bimport\s*\(/],
  ["require()", /\brequire\s*\(/],
  ["createRequire", /\bcreateRequire\b/],
  ["node:vm", /["'](node:)?vm["']/],
  ["a timer given a string", /\bset(Timeout|Interval|Immediate)\s*\(\s*["'`]/],
  ["child_process other than fork", /\b(exec|execSync|execFile|execFileSync|spawn|spawnSync)\b.*from\s+["'](node:)?child_process["']/],
  ["Lua loadstring/load/dofile", /\b(loadstring|dofile)\s*\(|[^\w.:]load\s*\(/],
  ["Lua calling EVAL", /redis\.call\(\s*['"](EVAL|EVALSHA|FUNCTION|SCRIPT)['"]/i],
];

/**
 * The only places allowed to load code, each for a reason that has nothing to do with Redis data. A new
 * occurrence anywhere fails the test until someone shows it is safe and lists it here.
 */
const ALLOWED: Array<{ file: string; what: string; why: string }> = [
  {
    file: "src/worker/child.ts",
    what: "dynamic import()",
    // process isolation: the work-horse imports the module the worker was configured with (its
    // `tasksModule` option, passed as argv[2] by fork) — configuration, never a value read from Redis
    why: "imports the worker's configured tasksModule",
  },
  {
    file: "src/cli/task-module.ts",
    what: "dynamic import()",
    // `rqts worker --tasks <module>`: the module the operator named on the command line, and the tsx
    // loader for a TypeScript one — configuration, never a value read from Redis
    why: "imports the task module named by `rqts worker --tasks`, and tsx",
  },
  {
    file: "src/worker/process-executor.ts",
    what: "createRequire",
    // resolves the literal package name "tsx" to start TypeScript work-horses with --import
    why: 'resolves the path of the "tsx" package',
  },
];

describe("the library's source", () => {
  const files = sourceFiles(join(packageDir, "src"));

  it("is scanned at all (the scan would pass vacuously on an empty folder)", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.map((file) => relative(packageDir, file))).toContain("src/worker/child.ts");
  });

  it("recognises each construct it looks for, so that a clean scan means something", () => {
    const samples: Record<string, string> = {
      "eval()": "const f = eval(text);",
      "new Function": "new Function('a', body)",
      "Function()": "Function(body)()",
      "dynamic import()": "await import(name)",
      "require()": "const m = require(name);",
      createRequire: "createRequire(import.meta.url)",
      "node:vm": 'import vm from "node:vm";',
      "a timer given a string": 'setTimeout("alert(1)", 1)',
      "child_process other than fork": 'import { exec } from "node:child_process";',
      "Lua loadstring/load/dofile": "local f = loadstring(ARGV[1])",
      "Lua calling EVAL": "redis.call('EVAL', ARGV[1], 0)",
    };
    for (const [what, pattern] of TEXT_TO_CODE) expect(pattern.test(samples[what] ?? ""), what).toBe(true);
    expect(TEXT_TO_CODE.some(([, pattern]) => pattern.test('import { fork } from "node:child_process";'))).toBe(false);
  });

  it("has no way to turn text into code except the listed, commented exceptions", () => {
    const found: string[] = [];
    for (const file of files) {
      const name = relative(packageDir, file);
      const text = code(readFileSync(file, "utf8"));
      for (const [what, pattern] of TEXT_TO_CODE) {
        if (pattern.test(text) && !ALLOWED.some((allowed) => allowed.file === name && allowed.what === what)) found.push(`${name}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });

  it("lists only exceptions that still exist, each with a reason", () => {
    for (const allowed of ALLOWED) {
      const pattern = TEXT_TO_CODE.find(([what]) => what === allowed.what)![1];
      expect(pattern.test(code(readFileSync(join(packageDir, allowed.file), "utf8"))), `${allowed.file}: ${allowed.what}`).toBe(true);
      expect(allowed.why.length).toBeGreaterThan(10);
    }
  });

  it("imports the work-horse's module from its command line, which the worker builds from its own options", () => {
    const child = code(readFileSync(join(packageDir, "src/worker/child.ts"), "utf8"));
    expect(child).toMatch(/const moduleUrl = process\.argv\[2\];/);
    expect(child.match(/\bimport\s*\(([^)]*)\)/g)).toEqual(["import(moduleUrl)"]);
    const pool = code(readFileSync(join(packageDir, "src/worker/pool.ts"), "utf8"));
    expect(pool).toMatch(/fork\(this\.entry, \[this\.options\.moduleUrl\]/);
  });
});
