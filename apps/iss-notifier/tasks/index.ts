/** Every task of the app, built around its dependencies (Redis, the queue, the clock and the SMS gateway). */
import type { Task } from "@rqts/queue";
import type { SmsGateway } from "../lib/sms";
import type { SubscriptionContext } from "../lib/subscriptions";
import { notifyPassTask } from "./notify-pass";
import { refreshTleTask } from "./refresh-tle";
import { sendWelcomeTask } from "./send-welcome";

export interface TaskDependencies extends SubscriptionContext {
  sms: SmsGateway;
  /** ISS_TLE_URL. @defaultValue none: the refresh job keeps the bundled TLE */
  tleUrl?: string;
}

export function createTasks(deps: TaskDependencies): Task[] {
  return [sendWelcomeTask(deps, deps.sms), notifyPassTask(deps, deps.sms), refreshTleTask(deps.redis, deps.tleUrl, deps.now)];
}
