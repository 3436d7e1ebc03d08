/**
 * Python RQ (JSONSerializer) enqueues; an rqts worker runs the jobs; Python reads statuses, results,
 * errors, registries and the rqts worker through its own API.
 */
import { beforeAll, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { Worker } from "../../src/index.js";
import { uniqueQueue, useRedis } from "../helpers.js";
import { describeInterop } from "./gate.js";
import { python } from "./python.js";
import { interopTasks } from "./tasks.js";
import { ensureBuilt, rqts } from "../fixtures/cli/run-cli.js";

const ctx = useRedis();

function rqtsWorker(queue: string, name: string, withScheduler = false) {
  return new Worker(queue, { connection: ctx.redis, tasks: interopTasks, logger: false, name, withScheduler, schedulerInterval: 100 });
}

describeInterop("Python RQ enqueues, an rqts worker runs", () => {
  beforeAll(ensureBuilt, 120_000);

  it("the `rqts worker` CLI runs a Python producer's jobs, as in rq-layout.md's recipe", async () => {
    const q = uniqueQueue("py");
    await python(ctx.server.url, `
q = Queue(${JSON.stringify(q)}, connection=c, serializer=S)
q.enqueue('probe_tasks.add', 20, 22, job_id='py-cli-ok')
q.enqueue('probe_tasks.boom', 'kaput', job_id='py-cli-fail')
print(json.dumps(True))`);
    const tasks = fileURLToPath(new URL("../fixtures/interop/probe-tasks.mjs", import.meta.url));
    const run = await rqts(["worker", q, "--tasks", tasks, "--burst", "--with-scheduler", "--name", "ts-cli-worker"], { redisUrl: ctx.server.url });
    expect(run.code).toBe(0);
    const seen = await python(ctx.server.url, `
ok = Job.fetch('py-cli-ok', connection=c, serializer=S)
bad = Job.fetch('py-cli-fail', connection=c, serializer=S)
print(json.dumps([ok.get_status(), ok.return_value(), ok.worker_name, bad.get_status(),
  bad.latest_result().exc_string.strip().splitlines()[-1]]))`);
    expect(seen).toEqual(["finished", 42, "ts-cli-worker", "failed", "ValueError: kaput"]);
  });

  it("runs args, kwargs, meta and result_ttl, and Python reads status, return value and latest result", async () => {
    const q = uniqueQueue("py");
    await python(ctx.server.url, `
q = Queue(${JSON.stringify(q)}, connection=c, serializer=S)
q.enqueue('probe_tasks.add', 20, 22, job_id='py-ok', result_ttl=600, meta={'k': 1})
q.enqueue('probe_tasks.describe', 1, 'two', job_id='py-kwargs', depth=3, tags=['a'])
print(json.dumps(True))`);
    await rqtsWorker(q, "ts-worker-1").run({ burst: true });
    const seen = await python<Record<string, unknown>>(ctx.server.url, `
ok = Job.fetch('py-ok', connection=c, serializer=S)
kw = Job.fetch('py-kwargs', connection=c, serializer=S)
r = ok.latest_result()
print(json.dumps({
  'status': ok.get_status(), 'value': ok.return_value(), 'type': int(r.type.value), 'meta': ok.get_meta(),
  'worker': ok.worker_name, 'ttl': c.ttl('rq:job:py-ok'), 'kwargs': kw.return_value(),
  'started': ok.started_at is not None, 'ended': ok.ended_at is not None}))`);
    expect(seen).toEqual({
      status: "finished",
      value: 42,
      type: 1,
      meta: { k: 1 },
      worker: "ts-worker-1",
      ttl: expect.any(Number),
      kwargs: { args: [1, "two"], kwargs: { depth: 3, tags: ["a"] } },
      started: true,
      ended: true,
    });
    expect(seen.ttl).toBeGreaterThan(590);
  });

  it("a failure reaches Python with its error text, in the failed registry", async () => {
    const q = uniqueQueue("py");
    await python(ctx.server.url, `
Queue(${JSON.stringify(q)}, connection=c, serializer=S).enqueue('probe_tasks.boom', 'kaput', job_id='py-fail')
print(json.dumps(True))`);
    await rqtsWorker(q, "ts-worker-2").run({ burst: true });
    const seen = await python<Record<string, unknown>>(ctx.server.url, `
from rq.registry import FailedJobRegistry, StartedJobRegistry
q = Queue(${JSON.stringify(q)}, connection=c, serializer=S)
j = Job.fetch('py-fail', connection=c, serializer=S)
r = j.latest_result()
print(json.dumps({'status': j.get_status(), 'type': int(r.type.value), 'last': r.exc_string.strip().splitlines()[-1],
  'failed': FailedJobRegistry(queue=q).get_job_ids(), 'started': StartedJobRegistry(queue=q).get_job_ids()}))`);
    expect(seen).toEqual({ status: "failed", type: 2, last: "ValueError: kaput", failed: ["py-fail"], started: [] });
  });

  it("a Python job depending on another is released by the rqts worker when its parent finishes", async () => {
    const q = uniqueQueue("py");
    await python(ctx.server.url, `
q = Queue(${JSON.stringify(q)}, connection=c, serializer=S)
q.enqueue('probe_tasks.add', 1, 1, job_id='py-parent')
q.enqueue('probe_tasks.add', 2, 2, job_id='py-child', depends_on='py-parent')
print(json.dumps(Job.fetch('py-child', connection=c, serializer=S).get_status()))`).then((status) => expect(status).toBe("deferred"));
    await rqtsWorker(q, "ts-worker-3").run({ burst: true });
    const seen = await python(ctx.server.url, `
print(json.dumps([Job.fetch(i, connection=c, serializer=S).return_value() for i in ['py-parent', 'py-child']]))`);
    expect(seen).toEqual([2, 4]);
  });

  it("a job Python scheduled with enqueue_in is queued by the rqts scheduler when due, and run", async () => {
    const q = uniqueQueue("py");
    await python(ctx.server.url, `
from datetime import timedelta
Queue(${JSON.stringify(q)}, connection=c, serializer=S).enqueue_in(timedelta(seconds=1), 'probe_tasks.add', 3, 4, job_id='py-sched')
print(json.dumps(Job.fetch('py-sched', connection=c, serializer=S).get_status()))`).then((status) => expect(status).toBe("scheduled"));
    const worker = rqtsWorker(q, "ts-worker-4", true);
    const done = worker.run();
    try {
      const seen = await python(ctx.server.url, `
import time
j = Job.fetch('py-sched', connection=c, serializer=S)
for _ in range(100):
    if j.get_status() == 'finished': break
    time.sleep(0.05)
print(json.dumps([j.get_status(), j.return_value()]))`);
      expect(seen).toEqual(["finished", 7]);
    } finally {
      worker.stop();
      await done;
    }
  });

  it("Python reads the rqts worker with Worker.find_by_key while it runs", async () => {
    const q = uniqueQueue("py");
    const worker = rqtsWorker(q, "ts-worker-5");
    const done = worker.run();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const seen = await python<Record<string, unknown>>(ctx.server.url, `
w = Worker.find_by_key('rq:worker:ts-worker-5', connection=c)
print(json.dumps({'name': w.name, 'queues': [q.name for q in w.queues], 'state': w.get_state(), 'pid': w.pid,
  'birth': w.birth_date is not None, 'all': [x.name for x in Worker.all(connection=c)]}))`);
      expect(seen).toMatchObject({ name: "ts-worker-5", queues: [q], state: "idle", pid: process.pid, birth: true });
      expect(seen.all).toContain("ts-worker-5");
    } finally {
      worker.stop();
      await done;
    }
  });
});
