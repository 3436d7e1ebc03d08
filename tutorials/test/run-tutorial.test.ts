/**
 * The runner on small tutorials of its own: real bash, real processes, a real throwaway Redis, in an
 * empty temporary folder instead of a copy of the repository.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseTutorial } from "../runner/markdown.js";
import { runTutorial, type TutorialReport } from "../runner/run-tutorial.js";

let folder: string;
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Runs a tutorial made of `steps` (markdown lines) in a fresh folder, which the test inspects afterwards. */
async function run(steps: string[]): Promise<TutorialReport & { log: string[] }> {
  folder = mkdtempSync(join(tmpdir(), "rqts-runner-test-"));
  const text = ["## Goal", "## 1. Steps", ...steps, "## What you learned", "## What comes next"].join("\n");
  const log: string[] = [];
  const report = await runTutorial(parseTutorial("tutorials/99-test/README.md", "99-test", text), {
    repoRoot: folder,
    log: (line) => log.push(line),
    prepare: () => ({ root: folder, remove: () => undefined }),
    checkpointTimeoutMs: 5000,
  });
  return { ...report, log };
}

const sh = (command: string, options = "") => [`<!-- run${options ? ` ${options}` : ""} -->`, "```sh", command, "```"];
const expectText = (lines: string[], options = "") => [`<!-- expect${options ? ` ${options}` : ""} -->`, "```text", ...lines, "```"];

/** Whether a process with this pid still exists. */
function alive(pidFile: string): boolean {
  try {
    process.kill(Number(readFileSync(join(folder, pidFile), "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

describe("running a tutorial", () => {
  it("runs the commands in order, each checkpoint against the output of the command before it", async () => {
    const report = await run([...sh("echo one; echo two >&2; echo three"), ...expectText(["one", "three"]), ...sh("echo four"), ...expectText(["four"])]);
    expect(report).toMatchObject({ ok: true, failure: "" });
  });

  it("gives every command REDIS_URL, a throwaway Redis that answers", async () => {
    const report = await run([...sh('redis-cli -u "$REDIS_URL" ping'), ...expectText(["PONG"])]);
    expect(report.ok).toBe(true);
  });

  it("carries a value a checkpoint captured into the later commands and checkpoints, as a learner copies an id", async () => {
    const report = await run([
      ...sh('echo "enqueued job id-$RANDOM$RANDOM"'),
      ...expectText(["enqueued job id-7777"], 'vary="id-7777"'),
      ...sh("echo status of id-7777"),
      ...expectText(["status of id-7777"]),
    ]);
    expect(report.ok).toBe(true);
    expect(report.log.some((line) => /checkpoint seen \(id-7777 → id-\d+\)/.test(line))).toBe(true);
  });

  it("starts background commands on a free port in place of the tutorial's, waits for their checkpoints, and stops them with Ctrl-C", async () => {
    const server = `echo $$ > server.pid; exec node -e "process.on('SIGINT', () => { console.log('bye'); process.exit(0) }); require('http').createServer((q, r) => r.end('hello')).listen(3000, () => console.log('listening on 3000'))"`;
    const report = await run([
      ...sh(server, "background=server port=3000"),
      ...expectText(["listening on 3000"], "from=server"),
      ...sh("curl -s http://127.0.0.1:3000/"),
      ...expectText(["hello"]),
      "<!-- stop: server -->",
      ...expectText(["bye"], "from=server"),
    ]);
    expect(report).toMatchObject({ ok: true });
    expect(report.log.find((line) => line.includes('started "server"'))).not.toContain("listen(3000");
    expect(alive("server.pid")).toBe(false);
  });

  it("re-runs a command marked retry until its checkpoint matches", async () => {
    const count = "n=$(( $(cat n 2>/dev/null || echo 0) + 1 )); echo $n > n; echo attempt $n";
    const report = await run([...sh(count, "retry=10"), ...expectText(["attempt 3"])]);
    expect(report.ok).toBe(true);
    expect(readFileSync(join(folder, "n"), "utf8").trim()).toBe("3");
  });
});

describe("a failing tutorial", () => {
  it("stops at a command that exits with another code, showing the line, the code and the output", async () => {
    const report = await run([...sh("echo about to fail; exit 3"), ...sh("touch never-ran"), ...expectText([""])]);
    expect(report.ok).toBe(false);
    expect(report.failure).toContain("tutorials/99-test/README.md:3: exited with 3, not 0: echo about to fail; exit 3");
    expect(report.failure).toContain("    | about to fail");
    expect(existsSync(join(folder, "never-ran"))).toBe(false);
  });

  it("kills a command that outlives its timeout", async () => {
    const report = await run([...sh("sleep 20", "timeout=1"), ...expectText([""])]);
    expect(report.failure).toContain("did not finish within 1 s: sleep 20");
    expect(report.durationMs).toBeLessThan(10_000);
  });

  it("names the first checkpoint line it did not see", async () => {
    const report = await run([...sh("echo alpha; echo gamma"), ...expectText(["alpha", "beta", "gamma"])]);
    expect(report.failure).toMatch(/README.md:7: checkpoint not met\n {2}the first line not seen: beta/);
  });

  it("waits for a background checkpoint only so long, and stops the background processes anyway", async () => {
    const report = await run([...sh("echo $$ > bg.pid; exec sleep 60", "background=sleeper"), ...expectText(["never printed"], "from=sleeper timeout=1")]);
    expect(report.failure).toContain("checkpoint not met (not within 1 s)");
    expect(alive("bg.pid")).toBe(false);
  });

  it("runs nothing when the format is broken, and says what is wrong", async () => {
    const report = await run(["```sh", "touch never-ran", "```"]);
    expect(report.failure).toContain("this sh block has no include, run or skip directive");
    expect(existsSync(join(folder, "never-ran"))).toBe(false);
  });
});
