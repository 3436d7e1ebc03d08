/**
 * The route handlers, called as Next.js calls them (a Request in, a Response out), on a real Redis with
 * a real worker. The CSRF and auth checks run before them in proxy.ts: see browser.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Queue } from "@rqts/queue";
import { eventually, uniqueQueue } from "@rqts/testing";
import { GET as getEvents } from "../app/events/route";
import { POST as postTasks } from "../app/tasks/route";
import { GET as getTask } from "../app/tasks/[id]/route";
import { POST as postWordCount } from "../app/wordcount/route";
import { MAX_BODY_BYTES } from "../lib/http";
import { jobFeed } from "../lib/job-feed";
import type { TaskData } from "../lib/task-view";
import { TEST_UNIT_MS, startTestWorker, useServers } from "./helpers";

const ctx = useServers();
let queueName: string;
let stopWorker: (() => Promise<void>) | undefined;

beforeEach(() => {
  queueName = uniqueQueue("long-tasks-test");
  Object.assign(process.env, {
    REDIS_URL: ctx.server.url,
    LONG_TASKS_MODE: "demo",
    LONG_TASKS_PAGES_URL: ctx.pages.url,
    LONG_TASKS_QUEUE: queueName,
    LONG_TASKS_UNIT_MS: String(TEST_UNIT_MS),
  });
});
afterEach(async () => {
  await stopWorker?.();
  stopWorker = undefined;
});

const form = (path: string, fields: Record<string, string>) =>
  new Request(`http://127.0.0.1${path}`, { method: "POST", body: new URLSearchParams(fields) });
const json = (path: string, body: unknown) =>
  new Request(`http://127.0.0.1${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

async function statusOf(id: string): Promise<{ code: number; body: { status: string; data?: TaskData; message?: string } }> {
  const response = await getTask(new Request(`http://127.0.0.1/tasks/${id}`), { params: Promise.resolve({ id }) });
  return { code: response.status, body: await response.json() };
}

async function enqueued(response: Response): Promise<string> {
  expect(response.status).toBe(202);
  const body = (await response.json()) as { status: string; data: { task_id: string } };
  expect(body.status).toBe("success");
  return body.data.task_id;
}

describe("POST /tasks", () => {
  it("answers 202 with the id of a queued job at once, as the testdriven app (form field type)", async () => {
    const id = await enqueued(await postTasks(form("/tasks", { type: "short" })));
    const job = await new Queue(queueName, { connection: ctx.redis }).fetchJob(id);
    expect([job?.taskName, job?.args, job?.status]).toEqual(["long-tasks.sleep", ["short"], "queued"]);
  });

  it("accepts JSON, and the original's numbers 1, 2, 3 for short, medium, long", async () => {
    const id = await enqueued(await postTasks(json("/tasks", { type: "3" })));
    expect((await statusOf(id)).body.data?.task_type).toBe("long");
  });

  it("refuses an unknown type with 400 naming what is accepted, and enqueues nothing", async () => {
    const response = await postTasks(form("/tasks", { type: "<b>huge</b>" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      status: "error",
      field: "type",
      message: 'type must be short, medium, long or fail (or the original\'s 1, 2, 3); got "<b>huge</b>"',
    });
    expect(await new Queue(queueName, { connection: ctx.redis }).count()).toBe(0);
  });

  it("refuses bodies that are not a form or a JSON object, or are too large", async () => {
    const text = new Request("http://127.0.0.1/tasks", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "type=short" });
    expect((await postTasks(text)).status).toBe(415);
    expect((await postTasks(json("/tasks", ["short"]))).status).toBe(400);
    const broken = new Request("http://127.0.0.1/tasks", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{" });
    expect((await postTasks(broken)).status).toBe(400);
    expect((await postTasks(form("/tasks", { type: "short", padding: "x".repeat(MAX_BODY_BYTES) }))).status).toBe(413);
  });
});

describe("GET /tasks/{id}", () => {
  it("answers 202 while the job is pending and 200 with the result once it finished", async () => {
    const id = await enqueued(await postTasks(form("/tasks", { type: "short" })));
    const pending = await statusOf(id);
    expect(pending.code).toBe(202);
    expect(pending.body.data).toMatchObject({ task_id: id, task_status: "queued", task_result: null, task_progress: null });

    stopWorker = startTestWorker(ctx, queueName).stop;
    const done = await eventually(() => statusOf(id), (s) => s.code === 200);
    expect(done.body.data).toMatchObject({ task_status: "finished", task_result: true, task_progress: 1, task_error: null });
  });

  it("shows a failed job's error with 200", async () => {
    stopWorker = startTestWorker(ctx, queueName).stop;
    const id = await enqueued(await postTasks(form("/tasks", { type: "fail" })));
    const failed = await eventually(() => statusOf(id), (s) => s.code === 200);
    expect(failed.body.data).toMatchObject({ task_status: "failed", task_error: "Error: This task fails on purpose, to show how a failure looks" });
  });

  it("answers 404 for an unknown id or a job of another queue, and 400 for an id that cannot be one", async () => {
    expect((await statusOf("0123456789abcdef")).code).toBe(404);
    const elsewhere = await new Queue(uniqueQueue("long-tasks-test"), { connection: ctx.redis }).enqueue("long-tasks.sleep", ["short"]);
    expect((await statusOf(elsewhere.id)).code).toBe(404);
    const bad = await statusOf("../../etc/passwd");
    expect([bad.code, bad.body.message]).toEqual([400, "A task id is 1 to 128 letters, digits, '-', '_', '.' or ':'"]);
  });
});

describe("POST /wordcount", () => {
  it("answers 202; once counted, the status carries the saved count the job's result points to", async () => {
    stopWorker = startTestWorker(ctx, queueName).stop;
    const article = ctx.pages.pages().find((page) => page.path === "/articles/sourdough.html")!;
    const id = await enqueued(await postWordCount(form("/wordcount", { url: article.url })));
    const done = await eventually(() => statusOf(id), (s) => s.code === 200);
    const data = done.body.data!;
    expect(data.task_status).toBe("finished");
    expect(data.word_count?.id).toBe(data.task_result);
    expect(data.word_count).toMatchObject({ url: article.url, totalWords: article.wordCount });
    expect(data.word_count?.topWords).toHaveLength(10);
  });

  it("refuses a URL outside the policy with 400 and the reason", async () => {
    const response = await postWordCount(json("/wordcount", { url: "http://169.254.169.254/" }));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toBe(`In demo mode only pages of the fixture pages server (${ctx.pages.url}) can be counted`);
  });

  it("answers 503 naming the variable when demo mode has no fixture pages server", async () => {
    delete process.env.LONG_TASKS_PAGES_URL;
    const response = await postWordCount(json("/wordcount", { url: `${ctx.pages.url}/` }));
    expect(response.status).toBe(503);
    expect((await response.json()).message).toMatch(/^The server is misconfigured: LONG_TASKS_PAGES_URL: demo mode counts words only/);
  });
});

describe("GET /events", () => {
  it("sends a snapshot of recent jobs, then a fresh row at every change until the job ends", async () => {
    const earlier = await enqueued(await postTasks(form("/tasks", { type: "medium" })));
    const abort = new AbortController();
    const response = await getEvents(new Request("http://127.0.0.1/events", { signal: abort.signal }));
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = readEvents(response);

    const snapshot = await events.next("snapshot");
    expect((snapshot as TaskData[]).map((task) => task.task_id)).toEqual([earlier]);

    stopWorker = startTestWorker(ctx, queueName).stop;
    const rows: TaskData[] = [];
    while (rows.at(-1)?.task_status !== "finished") rows.push((await events.next("task")) as TaskData);
    const feed = jobFeed(ctx.redis, queueName);
    expect(feed.listenerCount).toBe(1);
    abort.abort(); // the page is closed: its listener goes
    expect(feed.listenerCount).toBe(0);

    expect(rows.every((row) => row.task_id === earlier)).toBe(true);
    expect(rows.some((row) => row.task_status === "started" && (row.task_progress ?? 0) > 0)).toBe(true);
    expect(rows.at(-1)).toMatchObject({ task_status: "finished", task_progress: 1, task_result: true });
  });
});

/** Reads server-sent events from a response, one named event at a time. */
function readEvents(response: Response) {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(name: string): Promise<unknown> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event === name && data !== undefined) return JSON.parse(data);
          continue;
        }
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended before a "${name}" event`);
        buffer += value;
      }
    },
  };
}
