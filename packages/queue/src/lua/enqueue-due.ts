/**
 * rqts_enqueue_due_v1 — one scheduler tick for one queue: queue every scheduled job whose time has
 * come (at the front when it was scheduled with atFront), and extend the scheduler's lock — only if
 * the caller still holds the lock, so that exactly one scheduler moves a queue's jobs.
 *
 * KEYS[1] rq:scheduled:{q}   KEYS[2] rq:queue:{q}   KEYS[3] rq:queues   KEYS[4] rq:scheduler-lock:{q}
 * ARGV[1] scheduler name     ARGV[2] now as whole epoch seconds        ARGV[3] now as RQ timestamp
 * ARGV[4] at most this many jobs per tick (RQ: 1000)                  ARGV[5] lock ttl in seconds
 * ARGV[6] now as float epoch seconds (for events)
 *
 * Returns the number of jobs queued, or -1 when the lock is not the caller's (nothing was moved).
 * Guarantee: enqueue and ZREM happen together (RQ 1.x/2.x: one MULTI, but no ownership check).
 */
import { prefixes } from "../keys.js";

export const enqueueDueScript = {
  name: "rqts_enqueue_due_v1",
  lua: `
if redis.call('GET', KEYS[4]) ~= ARGV[1] then return -1 end
redis.call('EXPIRE', KEYS[4], ARGV[5])
local due = redis.call('ZRANGEBYSCORE', KEYS[1], 0, ARGV[2], 'LIMIT', 0, tonumber(ARGV[4]))
local queued = 0
local queueName = string.sub(KEYS[2], ${prefixes.queue.length + 1})
for _, id in ipairs(due) do
  redis.call('ZREM', KEYS[1], id)
  local jobKey = '${prefixes.job}' .. id
  if redis.call('EXISTS', jobKey) == 1 then
    redis.call('HSET', jobKey, 'status', 'queued', 'enqueued_at', ARGV[3])
    if redis.call('HGET', jobKey, 'enqueue_at_front') == '1' then
      redis.call('LPUSH', KEYS[2], id)
    else
      redis.call('RPUSH', KEYS[2], id)
    end
    redis.call('PUBLISH', '${prefixes.events}' .. queueName,
      cjson.encode({event = 'queued', job_id = id, queue = queueName, at = ARGV[6]}))
    queued = queued + 1
  end
end
if queued > 0 then redis.call('SADD', KEYS[3], KEYS[2]) end
return queued
`,
} as const;
