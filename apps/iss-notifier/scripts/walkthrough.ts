/**
 * `npx tsx apps/iss-notifier/scripts/walkthrough.ts`: the whole chain on a fake clock and the fake
 * Twilio, against REDIS_URL: subscribe, the welcome SMS, the scheduled pass job, the clock moved to the
 * rise, the "look up" SMS and the next pass scheduled, then STOP.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { Queue, Scheduler, Worker } from "@rqts/queue";
import { FAKE_TWILIO_ACCOUNT_SID, FAKE_TWILIO_AUTH_TOKEN, startFakeTwilio } from "@rqts/testing";
import { createSmsGateway } from "../lib/sms";
import { getSubscriber } from "../lib/subscribers";
import { subscribe, unsubscribe } from "../lib/subscriptions";
import { createTasks } from "../tasks/index";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const twilio = await startFakeTwilio({ statusDelayMs: null });
const sms = await createSmsGateway({ mode: "demo", twilioUrl: twilio.url, accountSid: FAKE_TWILIO_ACCOUNT_SID, authToken: FAKE_TWILIO_AUTH_TOKEN, sender: { from: "+15005550006" } });

// #region clock
let clockTime = new Date("2026-11-21T00:00:00Z");
const now = () => new Date(clockTime);
const queue = new Queue(`iss-walkthrough-${randomUUID().slice(0, 8)}`, { connection: redis });
const ctx = { redis, queue, now };
const tasks = createTasks({ ...ctx, sms });
const scheduler = new Scheduler(redis, `walkthrough-${queue.name}`, [queue.name], { now });
const work = () => new Worker(queue.name, { connection: redis, tasks, handleSignals: false, logger: false }).run({ burst: true });
// #endregion clock

const phone = "+447700900123";
const { subscriber } = await subscribe(ctx, { phone, latitude: 51.5074, longitude: -0.1278 });
console.log(`subscribed ${phone}; job ${subscriber.passJobId} scheduled for ${subscriber.nextPass!.rise.toISOString()}`);
await work();
console.log(`SMS: ${twilio.messages()[0]!.body}`);

clockTime = subscriber.nextPass!.rise; // jump to the rise time: no waiting
await scheduler.tick();
await work();
console.log(`SMS: ${twilio.messages()[0]!.body}`);
const next = await getSubscriber(redis, phone);
console.log(`next: job ${next!.passJobId} scheduled for ${next!.nextPass!.rise.toISOString()}`);

await unsubscribe(ctx, phone);
console.log(`after STOP: scheduled jobs left: ${await queue.scheduled.count()}`);
await scheduler.stop();
await queue.delete({ deleteJobs: true });
await twilio.close();
redis.disconnect();
