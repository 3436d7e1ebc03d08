/**
 * rqts_enqueue_v1 — enqueue a batch of jobs on one queue, all or nothing.
 *
 * KEYS[1]     rq:queues
 * KEYS[2]     rq:queue:{q}
 * KEYS[3..]   rq:job:{id}, one per job, in batch order
 * ARGV[1]     the queue key, as listed in rq:queues
 * ARGV[2..]   per job: id, atFront ("1"|"0"), ttl seconds ("" = none), field count N, then N field/value pairs
 *
 * Returns the number of jobs enqueued.
 * Guarantee: a job id appears in its queue only together with its complete hash (RQ's enqueue MULTI);
 * an old hash under the same id is replaced, never merged.
 */
export const enqueueScript = {
  name: "rqts_enqueue_v1",
  lua: `
redis.call('SADD', KEYS[1], ARGV[1])
local a = 2
for j = 3, #KEYS do
  local jobKey = KEYS[j]
  local id, atFront, ttl, n = ARGV[a], ARGV[a + 1], tonumber(ARGV[a + 2]), tonumber(ARGV[a + 3])
  a = a + 4
  redis.call('DEL', jobKey)
  redis.call('HSET', jobKey, unpack(ARGV, a, a + 2 * n - 1))
  a = a + 2 * n
  if ttl and ttl > 0 then redis.call('EXPIRE', jobKey, ttl) end
  if atFront == '1' then
    redis.call('LPUSH', KEYS[2], id)
  else
    redis.call('RPUSH', KEYS[2], id)
  end
end
return #KEYS - 2
`,
} as const;
