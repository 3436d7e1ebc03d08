/**
 * The route handlers, called as Next.js calls them (a Request in, a Response out), on a real Redis and
 * the fake NASA, with the app's workers in-process. The CSRF and auth checks run before them in
 * proxy.ts: see browser.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eventually } from "@rqts/testing";
import { GET as getEvents } from "../app/events/route";
import { POST as postFetches } from "../app/fetches/route";
import { GET as getRun } from "../app/runs/[id]/route";
import { GET as getSchedule } from "../app/schedule/route";
import { POST as postCancel } from "../app/schedule/cancel/route";
import { POST as postLatest } from "../app/schedule/latest/route";
import { POST as postRemove } from "../app/schedule/remove/route";
import { readConfig } from "../lib/config";
import { MAX_BODY_BYTES } from "../lib/http";
import { appQueues, type AppQueues } from "../lib/queues";
import type { ScheduleView } from "../lib/schedule";
import type { SolRun } from "../lib/sol-runs";
import { startTestWorkers, testEnv, useServers, type TestWorkers } from "./helpers";

const ctx = useServers();
let queues: AppQueues;
let workers: TestWorkers | undefined;

beforeEach(() => {
  Object.assign(process.env, testEnv(ctx));
  queues = appQueues(ctx.redis, readConfig());
});
afterEach(async () => {
  await workers?.stop();
  workers = undefined;
});

const json = (path: string, body: unknown) =>
  new Request(`http://127.0.0.1${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
const form = (path: string, fields: Record<string, string>) => new Request(`http://127.0.0.1${path}`, { method: "POST", body: new URLSearchParams(fields) });

async function answer<T>(response: Response): Promise<{ code: number; status: string; data: T; message?: string; field?: string }> {
  return { code: response.status, ...((await response.json()) as { status: string; data: T }) };
}

async function run(id: string) {
  return answer<SolRun>(await getRun(new Request(`http://127.0.0.1/runs/${id}`), { params: Promise.resolve({ id }) }));
}

describe("POST /fetches", () => {
  it("enqueues one fetch job per sol and answers 202 at once with the new runs", async () => {
    const { code, data } = await answer<{ job_ids: string[]; runs: SolRun[] }>(await postFetches(json("/fetches", { rover: "curiosity", camera: "", sols: "1000..1002" })));
    expect(code).toBe(202);
    expect(data.runs.map((r) => [r.id, r.kind, r.rover, r.sol, r.camera, r.status])).toEqual(data.job_ids.map((id, i) => [id, "sol", "curiosity", 1000 + i, null, "queued"]));
    expect(await queues.api.jobIds()).toEqual(data.job_ids);
  });

  it("takes a form too (curl -d), and schedules with `in`", async () => {
    const { code, data } = await answer<{ runs: SolRun[] }>(await postFetches(form("/fetches", { rover: "perseverance", sols: "102", in: "1h" })));
    expect(code).toBe(202);
    expect(data.runs[0]).toMatchObject({ status: "scheduled", dueAt: expect.stringMatching(/Z$/) });
    expect(await queues.api.count()).toBe(0);
  });

  it("refuses bad input with 400 naming the field, and enqueues nothing", async () => {
    const refused = await answer(await postFetches(json("/fetches", { rover: "curiosity", camera: "<b>SKYCAM</b>", sols: "1000" })));
    expect([refused.code, refused.status, refused.field]).toEqual([400, "error", "camera"]);
    expect(refused.message).toMatch(/^Curiosity's cameras are .* \(or all\); got "<b>SKYCAM<\/b>"$/);
    expect((await answer(await postFetches(json("/fetches", { rover: "curiosity", sols: "1000", at: "2030-01-01T00:00:00" })))).field).toBe("at");
    expect(await queues.api.count()).toBe(0);
  });

  it("refuses bodies that are not a small JSON object or form", async () => {
    const text = new Request("http://127.0.0.1/fetches", { method: "POST", headers: { "Content-Type": "text/plain" }, body: "sols=1000" });
    expect((await postFetches(text)).status).toBe(415);
    expect((await postFetches(json("/fetches", ["curiosity"]))).status).toBe(400);
    expect((await postFetches(form("/fetches", { rover: "curiosity", sols: "1000", padding: "x".repeat(MAX_BODY_BYTES) }))).status).toBe(413);
  });
});

describe("GET /runs/{id}", () => {
  it("answers 202 while the sol is processed, then 200 with its photos and summary", async () => {
    const { data } = await answer<{ job_ids: string[] }>(await postFetches(json("/fetches", { rover: "curiosity", sols: "1004" })));
    const id = data.job_ids[0]!;
    expect((await run(id)).code).toBe(202);
    workers = startTestWorkers(ctx, readConfig());
    const done = await eventually(() => run(id), (r) => r.code === 200, 15_000);
    expect(done.data).toMatchObject({ id, status: "finished", sol: 1004, photoCount: 8, photoJobs: 8, photosFailed: 0, summaryStatus: "finished" });
    expect(done.data.photos).toHaveLength(8);
    expect(done.data.summary).toMatchObject({ processed: 8, cameras: [{ camera: "CHEMCAM", photos: 6 }, { camera: "FHAZ", photos: 2 }] });
  });

  it("answers 404 for an unknown run and 400 for a malformed id", async () => {
    expect((await run("no-such-run")).code).toBe(404);
    expect((await run("../../etc")).code).toBe(400);
  });
});

describe("the schedule routes", () => {
  it("list a scheduled fetch, cancel it, and refuse to cancel it twice", async () => {
    const { data } = await answer<{ job_ids: string[] }>(await postFetches(json("/fetches", { rover: "curiosity", sols: "1007", in: "10m" })));
    const listed = await answer<ScheduleView>(await getSchedule());
    expect(listed.data.jobs.map((job) => [job.id, job.sol])).toEqual([[data.job_ids[0], 1007]]);
    const canceled = await answer<{ schedule: ScheduleView; run: SolRun }>(await postCancel(json("/schedule/cancel", { job_id: data.job_ids[0] })));
    expect([canceled.code, canceled.data.schedule.jobs, canceled.data.run.status]).toEqual([200, [], "canceled"]);
    expect((await postCancel(json("/schedule/cancel", { job_id: data.job_ids[0] }))).status).toBe(400);
  });

  it("add a latest-photos cron entry (201), refuse a bad pattern (400), and remove it", async () => {
    const added = await answer<{ entry: { id: string; nextRun: string } }>(await postLatest(json("/schedule/latest", { rover: "perseverance", pattern: "30 6 * * *", timezone: "UTC" })));
    expect([added.code, added.data.entry.id, added.data.entry.nextRun]).toEqual([201, "latest-perseverance", expect.stringMatching(/T06:30:00Z$/)]);
    expect((await postLatest(json("/schedule/latest", { rover: "perseverance", pattern: "whenever" }))).status).toBe(400);
    const removed = await answer<{ schedule: ScheduleView }>(await postRemove(json("/schedule/remove", { entry_id: "latest-perseverance" })));
    expect([removed.code, removed.data.schedule.entries]).toEqual([200, []]);
    expect((await postRemove(json("/schedule/remove", { entry_id: "latest-perseverance" }))).status).toBe(400);
  });
});

describe("GET /events", () => {
  it("sends a snapshot, then each run's card again as its jobs change, until the summary is in", async () => {
    const abort = new AbortController();
    const response = await getEvents(new Request("http://127.0.0.1/events", { signal: abort.signal }));
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const reader = response.body!.getReader();
    let text = "";
    const readUntil = async (test: () => boolean) => {
      while (!test()) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended early:\n${text}`);
        text += new TextDecoder().decode(value);
      }
    };
    await readUntil(() => text.includes("event: snapshot"));
    const { data } = await answer<{ job_ids: string[] }>(await postFetches(json("/fetches", { rover: "curiosity", sols: "1006" })));
    workers = startTestWorkers(ctx, readConfig());
    const id = data.job_ids[0]!;
    await readUntil(() => text.includes(`"id":"${id}"`) && /"summaryStatus":"finished"/.test(text));
    const cards = text.split("\n").filter((line) => line.startsWith("data: {") && line.includes(`"id":"${id}"`)).map((line) => JSON.parse(line.slice(6)) as SolRun);
    expect(cards.at(-1)).toMatchObject({ status: "finished", photoJobs: 1, summary: { processed: 1 } });
    abort.abort();
  });
});
