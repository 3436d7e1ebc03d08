/**
 * rqts_heartbeat_v3 — one tick of a worker's heartbeat: refresh its own key and, for every job it is
 * running, the rq:wip score, the execution hash and the job's last_heartbeat. One call per tick for
 * all running jobs, never one timer per job.
 *
 * KEYS[1]   rq:worker:{w}   KEYS[2] rq:workers
 * ARGV[1]   now as RQ timestamp   ARGV[2] now as float epoch seconds   ARGV[3] now as whole epoch seconds
 * ARGV[4]   worker key ttl        ARGV[5] wip ttl
 * ARGV[6..] per running job: queue name, job id, execution id
 *
 * Returns {listed, ids}: listed is 1 while the worker key exists and rq:workers lists it, 0 when not (Redis lost its data,
 * or the key expired while the process was stalled: the worker then registers again); ids are the running
 * jobs that are no longer in rq:wip (declared abandoned or deleted meanwhile). Keys that vanished are
 * never recreated here.
 */
import { prefixes } from "../keys.js";

export const heartbeatScript = {
  name: "rqts_heartbeat_v3",
  lua: `
local nowStamp, nowFloat, nowInt = ARGV[1], ARGV[2], tonumber(ARGV[3])
local workerTtl, ttl = tonumber(ARGV[4]), tonumber(ARGV[5])
-- a key without the set entry is a remnant (a state write after Redis lost its data), not a registration
local listed = 0
if redis.call('SISMEMBER', KEYS[2], KEYS[1]) == 1 and redis.call('EXISTS', KEYS[1]) == 1 then listed = 1 end
if listed == 1 then
  redis.call('HSET', KEYS[1], 'last_heartbeat', nowStamp)
  redis.call('EXPIRE', KEYS[1], workerTtl)
end
local lost = {}
for a = 6, #ARGV, 3 do
  local queue, id, execution = ARGV[a], ARGV[a + 1], ARGV[a + 2]
  local wipKey = '${prefixes.wip}' .. queue
  local member = id .. ':' .. execution
  if redis.call('ZSCORE', wipKey, member) then
    redis.call('ZADD', wipKey, 'XX', nowInt + ttl, member)
    local executionKey = '${prefixes.execution}' .. id .. ':' .. execution
    if redis.call('EXISTS', executionKey) == 1 then
      redis.call('HSET', executionKey, 'last_heartbeat', nowFloat)
      redis.call('EXPIRE', executionKey, ttl)
    end
    local executionsKey = '${prefixes.executions}' .. id
    redis.call('ZADD', executionsKey, 'XX', nowInt + ttl + 60, execution)
    redis.call('EXPIRE', executionsKey, ttl + 60)
    local jobKey = '${prefixes.job}' .. id
    if redis.call('EXISTS', jobKey) == 1 then redis.call('HSET', jobKey, 'last_heartbeat', nowStamp) end
  else
    lost[#lost + 1] = id
  end
end
return {listed, lost}
`,
} as const;
