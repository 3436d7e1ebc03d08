/**
 * rqts_requeue_v1 — put a failed (or stopped) job back on its queue. RQ removes it from the failed
 * registry first and enqueues after; here both happen in one step, so a crash cannot drop it.
 *
 * KEYS[1] rq:job:{id}  KEYS[2] rq:queue:{q}  KEYS[3] rq:failed:{q}  KEYS[4] rq:queues
 * ARGV[1] job id  ARGV[2] at front ("1"|"0")  ARGV[3] now as RQ timestamp  ARGV[4] the queue key
 *
 * Returns {1} when requeued, {0} when there is no such job, {-1, status} when it is not failed or stopped.
 */
export const requeueScript = {
  name: "rqts_requeue_v1",
  lua: `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return {0} end
if status ~= 'failed' and status ~= 'stopped' then return {-1, status} end
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'queued', 'enqueued_at', ARGV[3], 'started_at', '', 'ended_at', '',
  'last_heartbeat', '', 'worker_name', '')
redis.call('HDEL', KEYS[1], 'exc_info')
-- whole seconds; a ttl EXPIRE cannot take ("nan", "1e999") counts as none: an error here would leave the job out of its queue
local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttl') or '')
if ttl and ttl >= 1 and ttl < 1e15 then redis.call('EXPIRE', KEYS[1], math.floor(ttl)) else redis.call('PERSIST', KEYS[1]) end
redis.call('SADD', KEYS[4], ARGV[4])
if ARGV[2] == '1' then redis.call('LPUSH', KEYS[2], ARGV[1]) else redis.call('RPUSH', KEYS[2], ARGV[1]) end
return {1}
`,
} as const;
