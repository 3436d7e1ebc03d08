/**
 * Per-user state in Redis: one hash per subscriber (as the original kept `phone -> "lat,lon"`, plus the
 * next pass and the id of the job that will announce it) and a sorted set listing them all.
 */
import type { Redis } from "ioredis";
import { keys } from "./keys";
import type { Pass } from "./passes";

/** A stored subscriber. */
export interface Subscriber {
  phone: string;
  latitude: number;
  longitude: number;
  subscribedAt: Date;
  /** The pass the scheduled job will announce, if one is scheduled. */
  nextPass: Pass | undefined;
  /** The id of that job. */
  passJobId: string | undefined;
}

/** Reads one subscriber, or `undefined` when the number is not subscribed. */
export async function getSubscriber(redis: Redis, phone: string): Promise<Subscriber | undefined> {
  const hash = await redis.hgetall(keys.subscriber(phone));
  if (!hash.phone) return undefined;
  return {
    phone: hash.phone,
    latitude: Number(hash.latitude),
    longitude: Number(hash.longitude),
    subscribedAt: new Date(Number(hash.subscribedAt)),
    nextPass: hash.nextRise
      ? {
          rise: new Date(hash.nextRise),
          durationSeconds: Number(hash.nextDuration),
          maxElevation: Number(hash.nextMaxElevation),
          culmination: new Date(hash.nextCulmination ?? hash.nextRise),
        }
      : undefined,
    passJobId: hash.passJobId || undefined,
  };
}

/** Stores location and subscription time (keeping the first subscription time of a returning number). */
export async function saveSubscriber(redis: Redis, subscriber: Pick<Subscriber, "phone" | "latitude" | "longitude" | "subscribedAt">): Promise<void> {
  await redis
    .multi()
    .hset(keys.subscriber(subscriber.phone), { phone: subscriber.phone, latitude: subscriber.latitude, longitude: subscriber.longitude })
    .hsetnx(keys.subscriber(subscriber.phone), "subscribedAt", subscriber.subscribedAt.getTime())
    .zadd(keys.subscribers, "NX", subscriber.subscribedAt.getTime(), subscriber.phone)
    .exec();
}

/**
 * Records the scheduled pass, only while the number is still subscribed: a STOP that lands between
 * computing a pass and recording it must not bring the subscriber back.
 */
export async function recordNextPass(redis: Redis, phone: string, pass: Pass, jobId: string): Promise<boolean> {
  const key = keys.subscriber(phone);
  const fields = [
    "nextRise", pass.rise.toISOString(),
    "nextDuration", String(pass.durationSeconds),
    "nextMaxElevation", String(pass.maxElevation),
    "nextCulmination", pass.culmination.toISOString(),
    "passJobId", jobId,
  ];
  // one round trip that writes only if the hash exists (HSET alone would create it)
  const written = await redis.eval(
    "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end redis.call('HSET', KEYS[1], unpack(ARGV)) return 1",
    1,
    key,
    ...fields,
  );
  return written === 1;
}

/** Removes a subscriber; returns what was stored, or `undefined` if the number was not subscribed. */
export async function removeSubscriber(redis: Redis, phone: string): Promise<Subscriber | undefined> {
  const subscriber = await getSubscriber(redis, phone);
  await redis.multi().del(keys.subscriber(phone)).zrem(keys.subscribers, phone).exec();
  return subscriber;
}

/** Every subscriber, oldest subscription first. */
export async function listSubscribers(redis: Redis, limit = 200): Promise<Subscriber[]> {
  const phones = await redis.zrange(keys.subscribers, "0", String(limit - 1));
  const all = await Promise.all(phones.map((phone) => getSubscriber(redis, phone)));
  return all.filter((subscriber): subscriber is Subscriber => subscriber !== undefined);
}
