/**
 * `iss.notify-pass(phone, rise)`: runs at a pass's rise time, texts "look up", then schedules the job
 * for the following pass — a chain with no end but STOP.
 *
 * Safe to run twice (a retry after a crash, a requeue from the dashboard): the SMS is sent only by the
 * run that sets the pass's "announced" marker (SET NX), and the successor's job id is derived from its
 * rise time, so the second run finds it scheduled already. A job for a pass the subscriber no longer
 * expects (they moved, or sent STOP) sends nothing.
 */
import { defineTask } from "@rqts/queue";
import { keys, NOTIFIED_MARKER_TTL_SECONDS } from "../lib/keys";
import type { SmsGateway } from "../lib/sms";
import { lookUpText } from "../lib/sms-text";
import { getSubscriber } from "../lib/subscribers";
import { nextPassFor, schedulePass, type SubscriptionContext } from "../lib/subscriptions";
import { TASK_NAMES } from "../lib/task-names";

export function notifyPassTask(ctx: SubscriptionContext, sms: SmsGateway) {
  return defineTask(TASK_NAMES.notifyPass, async (phone: string, riseIso: string) => {
    const subscriber = await getSubscriber(ctx.redis, phone);
    const pass = subscriber?.nextPass;
    if (!subscriber || !pass || pass.rise.toISOString() !== riseIso) {
      return { sent: false, reason: subscriber ? "the subscriber expects another pass" : "unsubscribed" };
    }
    const riseSeconds = Math.floor(pass.rise.getTime() / 1000);
    const marker = keys.notified(phone, riseSeconds);
    let sid: string | undefined;
    if (await ctx.redis.set(marker, "sending", "EX", NOTIFIED_MARKER_TTL_SECONDS, "NX")) {
      try {
        sid = (await sms.send(phone, lookUpText(pass))).sid;
      } catch (error) {
        await ctx.redis.del(marker); // not sent: let the retry send it
        throw error;
      }
      await ctx.redis.set(marker, sid, "EX", NOTIFIED_MARKER_TTL_SECONDS);
    }
    // The next pass rises after this one has set; never before the current time either.
    const passEnd = new Date(Math.max(pass.rise.getTime() + pass.durationSeconds * 1000, ctx.now().getTime()));
    const next = await nextPassFor(ctx, subscriber, passEnd);
    const nextJobId = await schedulePass(ctx, phone, next);
    return { sent: sid !== undefined, sid: sid ?? null, nextRise: next.rise.toISOString(), nextJobId };
  });
}
