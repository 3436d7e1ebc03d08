/**
 * Every Redis key the app writes besides the queue's own (RQ's layout, written by @rqts/queue).
 *
 * | key | type | purpose | TTL |
 * |---|---|---|---|
 * | `iss-notifier:subscriber:{phone}` | hash | a subscriber: location, next pass, its job id | none |
 * | `iss-notifier:subscribers` | sorted set | phone numbers by subscription time (ms) | none |
 * | `iss-notifier:tle` | string | the TLE text the refresh job stored last | none |
 * | `iss-notifier:tle-fetched-at` | string | when it was stored (ISO 8601) | none |
 * | `iss-notifier:notified:{phone}:{rise}` | string | "this pass was announced": makes a re-run send nothing | 7 days |
 */
const PREFIX = "iss-notifier";

export const keys = {
  subscriber: (phone: string) => `${PREFIX}:subscriber:${phone}`,
  subscribers: `${PREFIX}:subscribers`,
  tle: `${PREFIX}:tle`,
  tleFetchedAt: `${PREFIX}:tle-fetched-at`,
  notified: (phone: string, riseEpochSeconds: number) => `${PREFIX}:notified:${phone}:${riseEpochSeconds}`,
} as const;

/** How long a "pass announced" marker is kept: far longer than any job could be retried or re-run. */
export const NOTIFIED_MARKER_TTL_SECONDS = 7 * 86_400;

/** Job ids keep letters, digits, `_` and `-`: a phone number contributes its digits only. */
export function passJobId(phone: string, rise: Date): string {
  return `iss-pass-${phone.slice(1)}-${Math.floor(rise.getTime() / 1000)}`;
}

export function welcomeJobId(phone: string, subscribedAt: Date): string {
  return `iss-welcome-${phone.slice(1)}-${subscribedAt.getTime()}`;
}
