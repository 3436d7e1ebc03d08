/**
 * rqts_cron_pause_v1 — pause or resume a cron entry. A paused entry keeps its definition but has no
 * next run (score +inf, so no scheduler finds it due); ticks that fall while it is paused are never
 * served. Resuming sets the next run the caller computed from the entry's definition — only if that
 * definition is still the stored one.
 *
 * KEYS[1] rq:cron:{q}   KEYS[2] rq:cron:{q}:{id}
 * ARGV[1] "pause" | "resume"   ARGV[2] entry id
 * ARGV[3] pause: why ('' when asked for; the scheduler gives the reason it could not use the entry)
 *         resume: the next run, epoch ms
 * ARGV[4] resume: the fingerprint the next run was computed from
 *
 * Returns 0 when there is no such entry, 1 when changed, 2 when it was in that state already,
 * -1 (resume) when the definition changed meanwhile (compute again and retry).
 */
export const cronPauseScript = {
  name: "rqts_cron_pause_v1",
  lua: `
local state = redis.call('HMGET', KEYS[2], 'paused', 'fingerprint')
if not state[2] then return 0 end
if ARGV[1] == 'pause' then
  if state[1] == '1' then return 2 end
  redis.call('HSET', KEYS[2], 'paused', '1', 'next_run', '', 'error', ARGV[3])
  redis.call('ZADD', KEYS[1], '+inf', ARGV[2])
  return 1
end
if state[1] ~= '1' then return 2 end
if state[2] ~= ARGV[4] then return -1 end
redis.call('HSET', KEYS[2], 'paused', '0', 'next_run', ARGV[3], 'error', '')
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
return 1
`,
} as const;
