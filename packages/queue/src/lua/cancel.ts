/**
 * rqts_cancel_v1 — cancel a job that has not started: take it off its queue (every occurrence) and out
 * of the deferred and scheduled registries, and into rq:canceled, in one step.
 *
 * KEYS[1] rq:job:{id}  KEYS[2] rq:queue:{q}  KEYS[3] rq:deferred:{q}  KEYS[4] rq:scheduled:{q}  KEYS[5] rq:canceled:{q}
 * ARGV[1] job id       ARGV[2] now as whole epoch seconds
 *
 * Returns {1} when canceled, {0} when there is no such job, {-1, status} when its status forbids it.
 */
export const cancelScript = {
  name: "rqts_cancel_v1",
  lua: `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
  status = 'created'
end
if status ~= 'queued' and status ~= 'deferred' and status ~= 'scheduled' and status ~= 'created' then
  return {-1, status}
end
redis.call('LREM', KEYS[2], 0, ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'canceled')
return {1}
`,
} as const;
