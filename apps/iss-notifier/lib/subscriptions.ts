/**
 * What subscribing, announcing and unsubscribing mean, shared by the web routes, the webhook and the
 * tasks. Every operation gets the clock it runs on, so tests can move time without waiting.
 *
 * subscribe: check the input and that a pass exists (nothing is stored for a place the ISS never
 * reaches) → store the subscriber → schedule the announcement at the next rise → for a new number,
 * enqueue the welcome SMS. Subscribing again moves the subscriber and replaces the scheduled job.
 */
import type { Redis } from "ioredis";
import { DuplicateJobError, Job, NoSuchJobError, InvalidJobOperationError, type Queue } from "@rqts/queue";
import { passJobId, welcomeJobId } from "./keys";
import { PassPredictor, type Pass } from "./passes";
import { getSubscriber, recordNextPass, removeSubscriber, saveSubscriber, type Subscriber } from "./subscribers";
import { observerOf, type SubscriptionInput } from "./subscription-input";
import { currentTle } from "./tle-store";
import { TASK_NAMES } from "./task-names";

/** What time it is. Production passes `() => new Date()`; tests a clock they move. */
export type Clock = () => Date;

/** Redis, the app's queue and a clock. */
export interface SubscriptionContext {
  redis: Redis;
  queue: Queue;
  now: Clock;
}

/** Retries for the SMS jobs: Twilio's 429 and 5xx are worth another try a little later. */
const SMS_RETRY = { max: 3, backoff: { type: "exponential", delay: "10s" } } as const;

/** The next pass over a subscriber's place that rises after `after`. */
export async function nextPassFor(ctx: SubscriptionContext, place: Pick<SubscriptionInput, "latitude" | "longitude">, after: Date): Promise<Pass> {
  const tle = await currentTle(ctx.redis);
  return new PassPredictor(tle, observerOf(place)).nextPass(after);
}

/** Subscribes (or moves) a number; returns the subscriber with its scheduled pass. */
export async function subscribe(ctx: SubscriptionContext, input: SubscriptionInput): Promise<{ subscriber: Subscriber; isNew: boolean }> {
  const now = ctx.now();
  const pass = await nextPassFor(ctx, input, now); // throws NoPassFoundError before anything is stored
  const previous = await getSubscriber(ctx.redis, input.phone);
  await saveSubscriber(ctx.redis, { ...input, subscribedAt: now });
  if (previous?.passJobId) await cancelJob(ctx.queue, previous.passJobId);
  await schedulePass(ctx, input.phone, pass);
  if (!previous) {
    await ctx.queue.enqueue(TASK_NAMES.sendWelcome, [input.phone], { jobId: welcomeJobId(input.phone, now), unique: true, retry: SMS_RETRY });
  }
  return { subscriber: (await getSubscriber(ctx.redis, input.phone))!, isNew: !previous };
}

/**
 * Schedules the job announcing `pass` at its rise time. The job id is derived from number and rise
 * time, and enqueued with `unique`, so scheduling the same pass twice (a job run twice) keeps one job.
 */
export async function schedulePass(ctx: SubscriptionContext, phone: string, pass: Pass): Promise<string> {
  const jobId = passJobId(phone, pass.rise);
  try {
    await ctx.queue.enqueueAt(pass.rise, TASK_NAMES.notifyPass, [phone, pass.rise.toISOString()], { jobId, unique: true, retry: SMS_RETRY });
  } catch (error) {
    if (!(error instanceof DuplicateJobError)) throw error;
  }
  if (!(await recordNextPass(ctx.redis, phone, pass, jobId))) await cancelJob(ctx.queue, jobId); // unsubscribed meanwhile
  return jobId;
}

/** Unsubscribes a number and cancels its scheduled job. Returns whether it was subscribed. */
export async function unsubscribe(ctx: SubscriptionContext, phone: string): Promise<boolean> {
  const removed = await removeSubscriber(ctx.redis, phone);
  if (removed?.passJobId) await cancelJob(ctx.queue, removed.passJobId);
  return removed !== undefined;
}

/** Cancels a scheduled job; one that already ran, was canceled or expired needs nothing. */
async function cancelJob(queue: Queue, jobId: string): Promise<void> {
  try {
    await (await Job.fetch(queue.connection, jobId)).cancel();
  } catch (error) {
    if (!(error instanceof NoSuchJobError) && !(error instanceof InvalidJobOperationError)) throw error;
  }
}
