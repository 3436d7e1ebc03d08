/**
 * Test helpers: one throwaway redis-server and one fake Twilio per file, a unique queue per test, a
 * clock the test moves by hand, and the app's tasks wired to all of them.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { Queue, Scheduler, Worker } from "@rqts/queue";
import { FAKE_TWILIO_ACCOUNT_SID, FAKE_TWILIO_AUTH_TOKEN, startFakeTwilio, startRedis, type FakeTwilio, type RedisServer } from "@rqts/testing";
import { createSmsGateway, type SmsGateway } from "../lib/sms";
import type { SubscriptionContext } from "../lib/subscriptions";
import { createTasks } from "../tasks/index";

/** The app's sending number in tests. */
export const TEST_SENDER = "+15005550006";

export interface TestServers {
  server: RedisServer;
  redis: Redis;
  twilio: FakeTwilio;
  sms: SmsGateway;
}

/** Starts a private Redis and a fake Twilio (messages stay `queued`: no status callbacks to wait for). */
export function useServers(): TestServers {
  const ctx = {} as TestServers;
  beforeAll(async () => {
    [ctx.server, ctx.twilio] = await Promise.all([startRedis(), startFakeTwilio({ statusDelayMs: null })]);
    ctx.redis = ctx.server.client();
    ctx.sms = await createSmsGateway({
      mode: "demo",
      twilioUrl: ctx.twilio.url,
      accountSid: FAKE_TWILIO_ACCOUNT_SID,
      authToken: FAKE_TWILIO_AUTH_TOKEN,
      sender: { from: TEST_SENDER },
    });
  });
  afterAll(async () => {
    await Promise.all([ctx.server?.stop(), ctx.twilio?.close()]);
  });
  return ctx;
}

/** A clock that stands still until the test sets it. */
export class ManualClock {
  constructor(private current: Date) {}
  readonly now = (): Date => new Date(this.current);
  set(time: Date | string): void {
    this.current = new Date(time);
  }
}

/** A unique queue, the app's tasks on it, a scheduler on the test's clock, and a burst worker. */
export function testApp(servers: TestServers, clock: ManualClock, options: { tleUrl?: string } = {}) {
  const queue = new Queue(`iss-test-${randomUUID().slice(0, 8)}`, { connection: servers.redis });
  const ctx: SubscriptionContext = { redis: servers.redis, queue, now: clock.now };
  const tasks = createTasks({ ...ctx, sms: servers.sms, tleUrl: options.tleUrl });
  const scheduler = new Scheduler(servers.redis, `scheduler-${queue.name}`, [queue.name], { now: clock.now });
  return {
    queue,
    ctx,
    tasks,
    /** One scheduler tick at the clock's time: queues the scheduled jobs due by then. */
    tick: () => scheduler.tick(),
    /** Runs every queued job, then returns. */
    work: () => new Worker(queue.name, { connection: servers.redis, tasks, handleSignals: false, logger: false }).run({ burst: true }),
    release: () => scheduler.stop(),
  };
}
