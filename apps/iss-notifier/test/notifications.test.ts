/**
 * The whole chain on a controllable clock: subscribe → welcome SMS + a job at the computed rise time →
 * the scheduler queues it when the clock reaches the rise → "look up" through the fake Twilio and the
 * following pass scheduled → STOP cancels. Rise times are the golden values of passes.test.ts.
 */
import { describe, expect, it } from "vitest";
import { Job } from "@rqts/queue";
import { passJobId } from "../lib/keys";
import { getSubscriber } from "../lib/subscribers";
import { subscribe, unsubscribe } from "../lib/subscriptions";
import { TASK_NAMES } from "../lib/task-names";
import { ManualClock, TEST_SENDER, testApp, useServers } from "./helpers";

const servers = useServers();
const LONDON = { latitude: 51.5074, longitude: -0.1278 };
const START = new Date("2026-11-21T00:00:00Z");
// From passes.test.ts: the first two passes over London after START.
const FIRST_RISE = new Date("2026-11-21T11:52:35Z");
const SECOND_RISE = new Date("2026-11-21T13:28:58Z");

function messagesTo(phone: string) {
  return servers.twilio.messages().filter((message) => message.to === phone);
}

describe("subscribing", () => {
  it("sends a welcome SMS naming the next pass, and schedules a job at the computed rise time", async () => {
    const clock = new ManualClock(START);
    const app = testApp(servers, clock);
    const phone = "+447700900101";
    const { subscriber, isNew } = await subscribe(app.ctx, { phone, ...LONDON });

    expect(isNew).toBe(true);
    expect(Math.abs(subscriber.nextPass!.rise.getTime() - FIRST_RISE.getTime())).toBeLessThanOrEqual(2000);
    const jobId = passJobId(phone, subscriber.nextPass!.rise);
    expect(subscriber.passJobId).toBe(jobId);
    expect(await app.queue.scheduled.scoreOf(jobId)).toBe(Math.floor(subscriber.nextPass!.rise.getTime() / 1000));

    await app.work();
    const [welcome, ...others] = messagesTo(phone);
    expect(others).toEqual([]);
    expect(welcome).toMatchObject({ from: TEST_SENDER, status: "queued" });
    expect(welcome!.body).toMatch(/^Thanks for subscribing to ISS alerts! The next pass over you rises Sat 21 Nov 11:52 UTC, up to 38\.\d° high/);
    expect(await app.queue.scheduled.contains(jobId)).toBe(true); // not due yet: still waiting
    await app.release();
  });

  it("refuses a place the ISS never rises over, storing nothing", async () => {
    const app = testApp(servers, new ManualClock(START));
    await expect(subscribe(app.ctx, { phone: "+447700900102", latitude: 78.2, longitude: 15.6 })).rejects.toThrow(/does not rise above 10°/);
    expect(await getSubscriber(servers.redis, "+447700900102")).toBeUndefined();
    expect(await app.queue.count()).toBe(0);
  });

  it("moves a returning subscriber: the old pass job is canceled, a new one scheduled, no second welcome", async () => {
    const app = testApp(servers, new ManualClock(START));
    const phone = "+447700900103";
    const first = await subscribe(app.ctx, { phone, ...LONDON });
    const second = await subscribe(app.ctx, { phone, latitude: 29.7604, longitude: -95.3698 }); // Houston
    expect(second.isNew).toBe(false);
    expect(second.subscriber.passJobId).not.toBe(first.subscriber.passJobId);
    expect(await Job.fetch(servers.redis, first.subscriber.passJobId!).then((job) => job.getStatus())).toBe("canceled");
    expect(await app.queue.jobIds()).toHaveLength(1); // one welcome only
  });
});

describe("the pass job", () => {
  it("is queued only when the clock reaches the rise, texts 'look up' and schedules the following pass", async () => {
    const clock = new ManualClock(START);
    const app = testApp(servers, clock);
    const phone = "+447700900104";
    const { subscriber } = await subscribe(app.ctx, { phone, ...LONDON });
    const firstJobId = subscriber.passJobId!;
    await app.work(); // the welcome

    clock.set(new Date(FIRST_RISE.getTime() - 60_000));
    await app.tick();
    expect(await app.queue.count()).toBe(0); // a minute early: nothing due

    clock.set(subscriber.nextPass!.rise);
    await app.tick();
    expect(await app.queue.jobIds()).toEqual([firstJobId]);
    await app.work();

    const lookUp = messagesTo(phone)[0]!; // newest first
    expect(lookUp.body).toMatch(/^Look up! The ISS is passing above you right now: for about 6 min, up to 38\.\d° above the horizon/);
    const after = await getSubscriber(servers.redis, phone);
    expect(Math.abs(after!.nextPass!.rise.getTime() - SECOND_RISE.getTime())).toBeLessThanOrEqual(2000);
    expect(after!.passJobId).toBe(passJobId(phone, after!.nextPass!.rise));
    expect(await app.queue.scheduled.contains(after!.passJobId!)).toBe(true);
    expect(await Job.fetch(servers.redis, firstJobId).then((job) => job.returnValue())).toMatchObject({ sent: true, nextJobId: after!.passJobId });
    await app.release();
  });

  it("sends one SMS and schedules one successor when the same pass job runs twice at once", async () => {
    const clock = new ManualClock(START);
    const app = testApp(servers, clock);
    const phone = "+447700900105";
    const { subscriber } = await subscribe(app.ctx, { phone, ...LONDON });
    clock.set(subscriber.nextPass!.rise);
    await app.tick(); // due: out of the scheduled registry
    // Two runs of the same call at once, as a retry racing a run a dead worker left behind would be.
    const notify = app.tasks.find((task) => task.name === TASK_NAMES.notifyPass)!;
    const rise = subscriber.nextPass!.rise.toISOString();
    const results = await Promise.all([notify.handler(phone, rise), notify.handler(phone, rise)]);

    expect(results.map((result) => (result as { sent: boolean }).sent).sort()).toEqual([false, true]);
    expect(messagesTo(phone).filter((message) => message.body.startsWith("Look up!"))).toHaveLength(1);
    const scheduled = await app.queue.scheduled.jobIds();
    expect(scheduled).toEqual([(await getSubscriber(servers.redis, phone))!.passJobId]);
    expect(scheduled).not.toContain(subscriber.passJobId);
    await app.release();
  });

  it("sends nothing for a number that unsubscribed after the job was queued", async () => {
    const app = testApp(servers, new ManualClock(START));
    const phone = "+447700900106";
    const { subscriber } = await subscribe(app.ctx, { phone, ...LONDON });
    const notify = app.tasks.find((task) => task.name === TASK_NAMES.notifyPass)!;
    await unsubscribe(app.ctx, phone);
    expect(await notify.handler(phone, subscriber.nextPass!.rise.toISOString())).toEqual({ sent: false, reason: "unsubscribed" });
    expect(messagesTo(phone)).toEqual([]);
  });
});

describe("unsubscribing", () => {
  it("removes the subscriber and cancels the scheduled job, so the rise passes in silence", async () => {
    const clock = new ManualClock(START);
    const app = testApp(servers, clock);
    const phone = "+447700900107";
    const { subscriber } = await subscribe(app.ctx, { phone, ...LONDON });
    expect(await unsubscribe(app.ctx, phone)).toBe(true);
    expect(await getSubscriber(servers.redis, phone)).toBeUndefined();
    expect(await app.queue.scheduled.contains(subscriber.passJobId!)).toBe(false);
    expect(await app.queue.canceled.contains(subscriber.passJobId!)).toBe(true);

    clock.set(new Date(FIRST_RISE.getTime() + 5_000));
    await app.tick();
    expect(await app.queue.jobIds()).not.toContain(subscriber.passJobId);
    expect(await unsubscribe(app.ctx, phone)).toBe(false);
    await app.release();
  });
});
