/**
 * rqts_cron_fire_v1 — serve the due ticks of one cron entry: enqueue one job per tick served, and
 * move the entry to its next run, in one step — and only
 *   - if the caller still holds the queue's scheduler lock, and
 *   - if the entry is still what the caller planned from (same next run and definition, not paused):
 *     a compare-and-set, so two schedulers that both planned the same ticks cannot both serve them.
 * Each tick's job id is derived from the entry and the tick; a job that exists already means the tick
 * was served (say, before the entry was removed and registered again), and no second job is made.
 *
 * KEYS[1] rq:scheduler-lock:{q}  KEYS[2] rq:cron:{q}  KEYS[3] rq:cron:{q}:{entry}  KEYS[4] rq:queue:{q}
 * KEYS[5] rq:queues              KEYS[6..] rq:job:{id}, one per job, in ARGV order
 * ARGV[1] scheduler name   ARGV[2] entry id   ARGV[3] expected next run (epoch ms)   ARGV[4] expected fingerprint
 * ARGV[5] the next run after these ticks (epoch ms, '' = none)   ARGV[6] now, float epoch seconds
 * ARGV[7] job count M, then per job: tick (epoch ms), job id, atFront '1'|'0', ttl seconds ('' = none),
 *         field count N, N field/value pairs
 *
 * Returns {-1} when the lock is not the caller's and {0} when the entry changed meanwhile (nothing
 * done either way); else {1, ids of the jobs that existed already...}. When the entry's runs
 * (rq-scheduler's repeat) are used up, the entry is removed.
 */
import { prefixes } from "../keys.js";

export const cronFireScript = {
  name: "rqts_cron_fire_v1",
  lua: `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1} end
local state = redis.call('HMGET', KEYS[3], 'next_run', 'fingerprint', 'paused', 'runs_left')
if state[1] ~= ARGV[3] or state[2] ~= ARGV[4] or state[3] == '1' then return {0} end
local queueName = string.sub(KEYS[4], ${prefixes.queue.length + 1})
local enqueued, existed = 0, {}
local a = 8
for j = 1, tonumber(ARGV[7]) do
  local tick, id, atFront, ttl, n = ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], tonumber(ARGV[a + 4])
  local jobKey = KEYS[5 + j]
  if redis.call('EXISTS', jobKey) == 1 then
    existed[#existed + 1] = id
  else
    redis.call('HSET', jobKey, unpack(ARGV, a + 5, a + 4 + 2 * n))
    if atFront == '1' then redis.call('LPUSH', KEYS[4], id) else redis.call('RPUSH', KEYS[4], id) end
    if ttl ~= '' then redis.call('EXPIRE', jobKey, ttl) end
    redis.call('PUBLISH', '${prefixes.events}' .. queueName,
      cjson.encode({event = 'queued', job_id = id, queue = queueName, at = ARGV[6]}))
    enqueued = enqueued + 1
  end
  redis.call('HSET', KEYS[3], 'last_tick', tick, 'last_job_id', id)
  a = a + 5 + 2 * n
end
if enqueued > 0 then redis.call('SADD', KEYS[5], KEYS[4]) end
if state[4] and state[4] ~= '' then
  local left = tonumber(state[4]) - tonumber(ARGV[7])
  if left <= 0 then
    redis.call('DEL', KEYS[3])
    redis.call('ZREM', KEYS[2], ARGV[2])
    return {1, unpack(existed)}
  end
  redis.call('HSET', KEYS[3], 'runs_left', left)
end
redis.call('HSET', KEYS[3], 'next_run', ARGV[5])
redis.call('ZADD', KEYS[2], ARGV[5] == '' and '+inf' or ARGV[5], ARGV[2])
return {1, unpack(existed)}
`,
} as const;
