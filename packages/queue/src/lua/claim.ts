/**
 * rqts_claim_v1 — take up to N jobs from a worker's queues in priority order and mark them started,
 * in one atomic step, so a worker that dies at any instruction leaves each job either still queued
 * or in rq:wip, where maintenance finds it (RQ pops first and registers later, and can lose the id).
 *
 * KEYS[1]              rq:suspended
 * KEYS[2]              rq:worker:{w}
 * KEYS[3 + 3(i-1)]     rq:queue:{q_i}                 for each queue i, highest priority first
 * KEYS[4 + 3(i-1)]     rq:queue:{q_i}:intermediate
 * KEYS[5 + 3(i-1)]     rq:wip:{q_i}
 * ARGV[1]   how many jobs to start at most (at least 1 when ARGV[2] > 0)
 * ARGV[2]   queue index i of an id that a blocking BLMOVE put in q_i's intermediate list (0 = none)
 * ARGV[3]   that id
 * ARGV[4]   worker name            ARGV[5] now as RQ timestamp     ARGV[6] now as float epoch seconds
 * ARGV[7]   now as whole epoch seconds                             ARGV[8] wip ttl in seconds
 * ARGV[9..] one fresh execution id per job that may start
 *
 * Returns {"suspended"} when rq:suspended exists (an intermediate id goes back to the front of its
 * queue), else {"ok", {i, id, execution, HGETALL of the job}...}. Ids whose hash is gone are dropped,
 * as RQ does. Job keys are built here from the prefixes in keys.ts.
 */
import { prefixes } from "../keys.js";

export const claimScript = {
  name: "rqts_claim_v1",
  lua: `
local fromQueue = tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[1]) == 1 then
  if fromQueue > 0 then
    local base = 3 + 3 * (fromQueue - 1)
    if redis.call('LREM', KEYS[base + 1], 1, ARGV[3]) == 1 then redis.call('LPUSH', KEYS[base], ARGV[3]) end
  end
  return {'suspended'}
end
local wanted = tonumber(ARGV[1])
local worker, nowStamp, nowFloat, nowInt, ttl = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7]), tonumber(ARGV[8])
local result = {'ok'}
local started = 0
local lastId = nil

local function start(qi, id)
  local jobKey = '${prefixes.job}' .. id
  if redis.call('EXISTS', jobKey) == 0 then return end
  started = started + 1
  local execution = ARGV[8 + started]
  redis.call('HSET', jobKey, 'status', 'started', 'started_at', nowStamp, 'last_heartbeat', nowStamp, 'worker_name', worker)
  redis.call('PERSIST', jobKey)
  local executionKey = '${prefixes.execution}' .. id .. ':' .. execution
  redis.call('HSET', executionKey, 'id', execution, 'created_at', nowFloat, 'last_heartbeat', nowFloat)
  redis.call('EXPIRE', executionKey, ttl)
  local executionsKey = '${prefixes.executions}' .. id
  redis.call('ZADD', executionsKey, nowInt + ttl + 60, execution)
  redis.call('EXPIRE', executionsKey, ttl + 60)
  redis.call('ZADD', KEYS[5 + 3 * (qi - 1)], nowInt + ttl, id .. ':' .. execution)
  result[#result + 1] = {qi, id, execution, redis.call('HGETALL', jobKey)}
  lastId = id
end

if fromQueue > 0 then
  if redis.call('LREM', KEYS[4 + 3 * (fromQueue - 1)], 1, ARGV[3]) == 1 then start(fromQueue, ARGV[3]) end
end
local queues = (#KEYS - 2) / 3
for qi = 1, queues do
  if started >= wanted then break end
  local queueKey = KEYS[3 + 3 * (qi - 1)]
  while started < wanted do
    local id = redis.call('LPOP', queueKey)
    if not id then break end
    start(qi, id)
  end
end
if lastId and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'state', 'busy', 'current_job', lastId, 'current_job_working_time', '0', 'last_heartbeat', nowStamp)
end
return result
`,
} as const;
