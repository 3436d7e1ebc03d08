/**
 * rqts_recover_intermediate_v1 — put back ids stuck in rq:queue:{q}:intermediate. A blocking dequeue
 * moves an id there (BLMOVE) and the claim script takes it out; an id still there after the grace
 * period belongs to a worker that died in between. RQ fails such jobs ("stuck in intermediate
 * queue"); rqts returns them to the front of their queue, so nothing is lost.
 *
 * KEYS[1]  rq:queue:{q}     KEYS[2] rq:queue:{q}:intermediate
 * ARGV[1]  now as float epoch seconds   ARGV[2] grace in seconds   ARGV[3] first-seen marker ttl
 *
 * Returns the ids put back on the queue.
 */
import { prefixes, suffixes } from "../keys.js";

export const recoverIntermediateScript = {
  name: "rqts_recover_intermediate_v1",
  lua: `
local now, grace = tonumber(ARGV[1]), tonumber(ARGV[2])
local recovered = {}
for _, id in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  local seenKey = KEYS[1] .. '${suffixes.firstSeen}' .. id
  local seen = tonumber(redis.call('GET', seenKey) or '')
  if not seen then
    redis.call('SET', seenKey, ARGV[1], 'EX', ARGV[3])
  elseif now - seen >= grace then
    redis.call('LREM', KEYS[2], 1, id)
    redis.call('DEL', seenKey)
    local status = redis.call('HGET', '${prefixes.job}' .. id, 'status')
    if status and status ~= 'started' then
      redis.call('LPUSH', KEYS[1], id)
      recovered[#recovered + 1] = id
    end
  end
end
return recovered
`,
} as const;
