/**
 * Python RQ's tools acting on rqts state, and each side stopping the other's running job:
 * `rq info`, `rq requeue --all`, `rq suspend` / `rq resume`, `send_stop_job_command`, `job.stop()`.
 */
import { expect, it } from "vitest";
import { Queue, Worker } from "../../src/index.js";
import { eventually, uniqueQueue, useRedis } from "../helpers.js";
import { describeInterop } from "./gate.js";
import { python, rq, startRqWorker } from "./python.js";
import { add, boom, interopTasks, sleepy } from "./tasks.js";

const ctx = useRedis();

function rqtsWorker(queue: string, name?: string) {
  return new Worker(queue, { connection: ctx.redis, tasks: interopTasks, logger: false, handleSignals: false, ...(name ? { name } : {}) });
}

describeInterop("Python RQ's tools on rqts state", () => {
  it("`rq info` counts what rqts wrote: queued jobs and the rqts worker", async () => {
    const queue = new Queue(uniqueQueue("info"), { connection: ctx.redis });
    await queue.enqueueMany([{ task: add, args: [1, 1] }, { task: add, args: [2, 2] }, { task: boom, args: ["x"] }]);
    const worker = rqtsWorker(queue.name, "ts-info-worker");
    await worker.run({ burst: true });
    await queue.enqueueMany([{ task: add, args: [3, 3] }, { task: add, args: [4, 4] }]);
    const { stdout } = await rq(ctx.server.url, ["info", queue.name]);
    // RQ 1.13 prints the queue length; 2.x also prints started/finished/failed counts
    expect(stdout).toMatch(new RegExp(`${queue.name}\\s*\\|[^\\n]*\\b2\\b`));
    expect(stdout).toMatch(/1 queues, 2 jobs total/);
  });

  it("`rq requeue --all` puts rqts-failed jobs back, and an rqts worker reruns them", async () => {
    const queue = new Queue(uniqueQueue("requeue"), { connection: ctx.redis });
    const jobs = await queue.enqueueMany([{ task: boom, args: ["first"] }, { task: boom, args: ["second"] }]);
    await rqtsWorker(queue.name).run({ burst: true });
    expect(await queue.failed.count()).toBe(2);
    const { stdout } = await rq(ctx.server.url, ["requeue", "--all", "-S", "rq.serializers.JSONSerializer", "--queue", queue.name]);
    expect(stdout).toMatch(/Requeueing 2 jobs from failed queue/);
    expect(await queue.failed.count()).toBe(0);
    expect(await queue.count()).toBe(2);
    await rqtsWorker(queue.name).run({ burst: true });
    for (const job of jobs) expect((await job.results()).length).toBe(2);
    expect(await queue.failed.count()).toBe(2);
  });

  it("`rq suspend` stops rqts workers taking jobs, `rq resume` releases them", async () => {
    const queue = new Queue(uniqueQueue("suspend"), { connection: ctx.redis });
    const job = await queue.enqueue(add, [1, 1]);
    await rq(ctx.server.url, ["suspend"]);
    try {
      await rqtsWorker(queue.name).run({ burst: true }); // a suspended burst worker exits at once
      expect(await job.getStatus()).toBe("queued");
    } finally {
      await rq(ctx.server.url, ["resume"]);
    }
    await rqtsWorker(queue.name).run({ burst: true });
    expect(await job.getStatus()).toBe("finished");
  });

  it("Python's send_stop_job_command stops a job running on an rqts worker", async () => {
    const queue = new Queue(uniqueQueue("stop"), { connection: ctx.redis });
    const job = await queue.enqueue(sleepy, [30], { jobId: "ts-long" });
    const worker = rqtsWorker(queue.name, "ts-stop-worker");
    const done = worker.run();
    try {
      await eventually(() => job.getStatus(), (s) => s === "started");
      await python(ctx.server.url, `
from rq.command import send_stop_job_command
send_stop_job_command(c, 'ts-long')
print(json.dumps(True))`);
      await eventually(() => job.getStatus(), (s) => s === "stopped");
      const seen = await python<unknown[]>(ctx.server.url, `
from rq.registry import FailedJobRegistry
j = Job.fetch('ts-long', connection=c, serializer=S)
print(json.dumps([j.get_status(), 'ts-long' in FailedJobRegistry(${JSON.stringify(queue.name)}, connection=c), int(j.latest_result().type.value)]))`);
      expect(seen).toEqual(["stopped", true, 2]);
    } finally {
      worker.stop();
      await done;
    }
  });

  it("rqts's job.stop() stops a job running on a Python worker", async () => {
    const queue = new Queue(uniqueQueue("pystop"), { connection: ctx.redis });
    const job = await queue.enqueue(sleepy, [30], { jobId: "py-long" });
    const pyWorker = startRqWorker(ctx.server.url, ["-S", "rq.serializers.JSONSerializer", "-n", "py-stop-worker", queue.name]);
    try {
      await eventually(() => job.getStatus(), (s) => s === "started", 15_000);
      await job.refresh();
      expect(job.workerName).toBe("py-stop-worker");
      const started = Date.now();
      await job.stop();
      await eventually(() => job.getStatus(), (s) => s === "stopped", 15_000);
      expect(Date.now() - started).toBeLessThan(10_000); // long before the 30 s sleep would end
      expect(await queue.failed.contains(job.id)).toBe(true);
    } finally {
      pyWorker.kill("SIGKILL");
    }
  });
});
