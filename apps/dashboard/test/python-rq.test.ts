/**
 * The dashboard on a Redis written by Python RQ (Debian's python3-rq, RQ 1.13) with JSONSerializer:
 * Python enqueues, Python's worker runs, and the dashboard's server side reads and acts on the result.
 * Skipped with a message when python3-rq is not installed — except in CI, where `.ci/run` installs it.
 */
import { execFile, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { Inspector } from "@rqts/queue";
import { uniqueQueue } from "@rqts/testing";
import { useRedis } from "@rqts/testing/vitest";
import { runAction } from "../lib/actions";
import { progressFraction } from "../lib/format";
import { loadJobListing } from "../lib/job-listing";
import { loadOverview } from "../lib/overview";
import { formOf } from "./helpers";

const run = promisify(execFile);
const PYTHON = process.env.RQTS_PYTHON ?? "/usr/bin/python3"; // Debian's Python, where apt installs rq
const FIXTURES = fileURLToPath(new URL("./fixtures/python/", import.meta.url));
const probe = spawnSync(PYTHON, ["-c", "import rq; print(rq.__version__)"], { encoding: "utf8" });
const rqVersion = probe.status === 0 ? probe.stdout.trim() : undefined;
const env = { ...process.env, PYTHONPATH: FIXTURES, PYTHONDONTWRITEBYTECODE: "1" };

if (!rqVersion && !process.env.CI) {
  console.warn(`Skipping the Python RQ interop test: ${PYTHON} cannot import rq (install it with: sudo apt-get install -y python3-rq)`);
}

describe("Python RQ is available in CI", () => {
  it.runIf(process.env.CI)("imports rq with Debian's Python", () => {
    expect(rqVersion, `${PYTHON} cannot import rq: .ci/run installs python3-rq`).toBeDefined();
  });
});

describe.skipIf(!rqVersion)("the dashboard on a Redis written by Python RQ (JSONSerializer)", () => {
  const ctx = useRedis();
  const queue = uniqueQueue("py");
  const ids = {} as { finished: string; failed: string; queued: string };
  const inspector = () => new Inspector(ctx.redis);

  async function python(code: string): Promise<string> {
    const prelude = [
      "from redis import Redis",
      "from rq import Queue",
      "from rq.serializers import JSONSerializer",
      `q = Queue(${JSON.stringify(queue)}, connection=Redis.from_url(${JSON.stringify(ctx.server.url)}), serializer=JSONSerializer)`,
    ].join("\n");
    const { stdout } = await run(PYTHON, ["-c", `${prelude}\n${code}`], { env, timeout: 30_000 });
    return stdout.trim();
  }

  async function seedWithPython(): Promise<void> {
    if (ids.finished) return;
    const enqueued = await python(`print(q.enqueue("dashboard_probe.add", 1, 2, x=3).id)\nprint(q.enqueue("dashboard_probe.fail", "bad <b>input</b>").id)`);
    [ids.finished, ids.failed] = enqueued.split("\n") as [string, string];
    await run(PYTHON, ["-m", "rq.cli", "worker", "--burst", "-S", "rq.serializers.JSONSerializer", "--url", ctx.server.url, queue], { env, timeout: 60_000 });
    ids.queued = await python(
      `job = q.enqueue("dashboard_probe.add", 5, 6, meta={"owner": "python"})\njob.meta["progress"] = 50\njob.save_meta()\nprint(job.id)`,
    );
  }

  it("counts Python's jobs on the overview", async () => {
    await seedWithPython();
    const overview = await loadOverview(ctx.redis, inspector());
    expect(overview.queues.find((summary) => summary.name === queue)?.counts).toEqual({
      queued: 1,
      started: 0,
      deferred: 0,
      scheduled: 0,
      finished: 1,
      failed: 1,
      canceled: 0,
    });
  });

  it("shows a Python job's call with keyword arguments, its return value and history", async () => {
    await seedWithPython();
    const job = await inspector().job(ids.finished);
    expect([job.status, job.callString, job.args, job.kwargs]).toEqual(["finished", "dashboard_probe.add(1, 2, x=3)", [1, 2], { x: 3 }]);
    expect(job.latestResult?.returnValue).toBe(6);
    expect(job.results.map((result) => result.type)).toEqual(["successful"]);
  });

  it("shows a Python traceback and the failed list's error line", async () => {
    await seedWithPython();
    const job = await inspector().job(ids.failed);
    expect(job.status).toBe("failed");
    expect(job.latestResult?.excString).toMatch(/Traceback \(most recent call last\):[\s\S]*ValueError: bad <b>input<\/b>\s*$/);
    const listing = await loadJobListing(inspector(), queue, "failed", { page: 1, perPage: 20, order: "newest" });
    expect(listing.page.jobs.map((row) => [row.id, row.error])).toEqual([[ids.failed, "ValueError: bad <b>input</b>"]]);
  });

  it("reads the progress a Python producer saved in meta", async () => {
    await seedWithPython();
    const job = await inspector().job(ids.queued);
    expect(job.meta).toEqual({ owner: "python", progress: 50 });
    expect(progressFraction(job.meta)).toBe(0.5);
  });

  it("requeues a job Python's worker failed", async () => {
    await seedWithPython();
    expect(await runAction(inspector(), 0, formOf({ action: "requeue", jobId: ids.failed }))).toEqual({ message: `Requeued job ${ids.failed}` });
    expect((await inspector().job(ids.failed)).status).toBe("queued");
  });
});
