/**
 * `iss.send-welcome(phone)`: the "thanks for subscribing" SMS with the next pass. The original sent it
 * inside the web request; as a job, a slow or failing Twilio never slows the form, and 429/5xx are retried.
 */
import { defineTask } from "@rqts/queue";
import type { SmsGateway } from "../lib/sms";
import { welcomeText } from "../lib/sms-text";
import { getSubscriber } from "../lib/subscribers";
import type { SubscriptionContext } from "../lib/subscriptions";
import { TASK_NAMES } from "../lib/task-names";

export function sendWelcomeTask(ctx: SubscriptionContext, sms: SmsGateway) {
  return defineTask(TASK_NAMES.sendWelcome, async (phone: string) => {
    const subscriber = await getSubscriber(ctx.redis, phone);
    if (!subscriber) return { sent: false, reason: "unsubscribed before the welcome was sent" };
    const message = await sms.send(phone, welcomeText(subscriber.nextPass));
    return { sent: true, sid: message.sid };
  });
}
