/**
 * rqts_scheduler_lock_v1 — take, keep or give up the lock `rq:scheduler-lock:{q}` whose value is the
 * holder's name. Refreshing compares the value before extending it (RQ refreshes with a plain EXPIRE,
 * so a stalled holder whose lock expired and was taken by another could keep "refreshing" it, and two
 * schedulers would run: RQ issues #1531, #2338).
 *
 * KEYS[1] rq:scheduler-lock:{q}
 * ARGV[1] "acquire" (take it if free, extend it if ours) | "release" (delete it if ours)
 * ARGV[2] the scheduler's name   ARGV[3] ttl in seconds
 *
 * Returns 1 when the caller holds the lock after the call (acquire) or released it (release), else 0.
 */
export const schedulerLockScript = {
  name: "rqts_scheduler_lock_v1",
  lua: `
local holder = redis.call('GET', KEYS[1])
if ARGV[1] == 'release' then
  if holder == ARGV[2] then
    redis.call('DEL', KEYS[1])
    return 1
  end
  return 0
end
if not holder then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
if holder == ARGV[2] then
  redis.call('EXPIRE', KEYS[1], ARGV[3])
  return 1
end
return 0
`,
} as const;
