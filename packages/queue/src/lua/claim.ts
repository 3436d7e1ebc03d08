/**
 * rqts_claim_v3 — take up to N jobs from a worker's queues in priority order and mark them started,
 * in one atomic step, so a worker that dies at any instruction leaves each job either still queued
 * or in rq:wip, where maintenance finds it (RQ pops first and registers later, and can lose the id).
 *
 * KEYS[1]              rq:suspended
 * KEYS[2]              rq:worker:{w}
 * KEYS[3 + 5(i-1)]     rq:queue:{q_i}                 for each queue i, highest priority first
 * KEYS[4 + 5(i-1)]     rq:queue:{q_i}:intermediate
 * KEYS[5 + 5(i-1)]     rq:wip:{q_i}
 * KEYS[6 + 5(i-1)]     rq:rate-limit:{q_i}            (rqts: max starts per window, if set)
 * KEYS[7 + 5(i-1)]     rq:rate-limit:{q_i}:window     (rqts: starts counted in this window)
 * ARGV[1]   how many jobs to start at most (at least 1 when ARGV[2] > 0)
 * ARGV[2]   queue index i of an id that a blocking BLMOVE put in q_i's intermediate list (0 = none)
 * ARGV[3]   that id
 * ARGV[4]   worker name            ARGV[5] now as RQ timestamp     ARGV[6] now as float epoch seconds
 * ARGV[7]   now as whole epoch seconds                             ARGV[8] wip ttl in seconds
 * ARGV[9]   now + wip ttl (rq:wip score)   ARGV[10] now + wip ttl + 60 (rq:executions score)
 * ARGV[11]  wip ttl + 60 (rq:executions ttl)
 * ARGV[12..] one fresh execution id per job that may start
 * (numbers as text made by the client: Lua formats a number passed to redis.call with snprintf)
 *
 * Returns {"suspended"} when rq:suspended exists, else {"ok", wait, {i, id, execution, fields}...}
 * where fields are the job hash's non-empty fields as they were before the start (status, started_at,
 * last_heartbeat and worker_name are the worker's to fill in, with "started", ARGV[5], ARGV[5], ARGV[4])
 * where wait is the milliseconds until a rate-limited, non-empty queue may start jobs again (0: none
 * is limited). An intermediate id that cannot start now goes back to the front of its queue. Each
 * start publishes a "started" event on rq:events:{q}. Ids whose hash is gone are dropped, as RQ does, and so
 * are ids whose key is not a hash or whose bytes are not UTF-8 (no client could name them again).
 * Guarantee: across all workers, a queue starts at most `max` jobs per rate-limit window.
 */
import { prefixes } from "../keys.js";
import { publishEventLua } from "./publish-event.js";

export const CLAIM_KEYS_PER_QUEUE = 5;

export const claimScript = {
  name: "rqts_claim_v3",
  lua: `
local fromQueue = tonumber(ARGV[2])
local function base(qi) return 3 + 5 * (qi - 1) end
local function giveBack(qi, id)
  if redis.call('LREM', KEYS[base(qi) + 1], 1, id) == 1 then redis.call('LPUSH', KEYS[base(qi)], id) end
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  if fromQueue > 0 then giveBack(fromQueue, ARGV[3]) end
  return {'suspended'}
end
local wanted = tonumber(ARGV[1])
local worker, nowStamp, nowFloat = ARGV[4], ARGV[5], ARGV[6]
local ttlText, wipScore, executionsScore, executionsTtl = ARGV[8], ARGV[9], ARGV[10], ARGV[11]
local jobs = {}
local started = 0
local wait = 0
local lastId = nil
local queueNames = {}
${publishEventLua}

-- How many jobs queue qi may start now under its rate limit (a large number when it has none), and
-- its window in ms (nil when it has none), for count().
local function allowance(qi)
  local limit = redis.call('HMGET', KEYS[base(qi) + 3], 'max', 'duration_ms')
  local max, window = tonumber(limit[1] or ''), tonumber(limit[2] or '')
  if not max or not window then return 1e9, window end
  local used = tonumber(redis.call('GET', KEYS[base(qi) + 4]) or '0')
  if used >= max then
    if redis.call('LLEN', KEYS[base(qi)]) > 0 or fromQueue == qi then
      local left = redis.call('PTTL', KEYS[base(qi) + 4])
      if left < 1 then left = 1 end
      if wait == 0 or left < wait then wait = left end
    end
    return 0, window
  end
  return max - used, window
end

local function count(qi, n, window)
  if not window or n == 0 then return end
  local windowKey = KEYS[base(qi) + 4]
  if redis.call('INCRBY', windowKey, n) == n then redis.call('PEXPIRE', windowKey, window) end
end

-- Whether an id is UTF-8 as JavaScript decodes it (no overlong forms, no surrogates). Any other id could
-- not be named again by the worker (its bytes would come back as U+FFFD), so it would stay in rq:wip.
local function isUtf8(s)
  if not string.find(s, '[\\128-\\255]') then return true end
  local i, n = 1, #s
  while i <= n do
    local c = string.byte(s, i)
    local len, low, high = 1, 0x80, 0xBF
    if c >= 0xC2 and c <= 0xDF then len = 2
    elseif c >= 0xE0 and c <= 0xEF then
      len = 3
      if c == 0xE0 then low = 0xA0 elseif c == 0xED then high = 0x9F end
    elseif c >= 0xF0 and c <= 0xF4 then
      len = 4
      if c == 0xF0 then low = 0x90 elseif c == 0xF4 then high = 0x8F end
    elseif c >= 0x80 then return false end
    for j = i + 1, i + len - 1 do
      local b = string.byte(s, j)
      if not b or b < low or b > high then return false end
      low, high = 0x80, 0xBF
    end
    i = i + len
  end
  return true
end

local function start(qi, id)
  -- an id no client can name, or no job hash (gone, or a key of another type: pcall, because a
  -- WRONGTYPE error would abort the script after its first writes): dropped, as RQ drops ids whose hash
  -- is gone. The fields are read before the start is written; the worker fills in what it wrote.
  if not isUtf8(id) then return false end
  local jobKey = '${prefixes.job}' .. id
  local hash = redis.pcall('HGETALL', jobKey)
  if hash.err or #hash == 0 then return false end
  -- only fields with a value travel back: an RQ job hash keeps about half of its fields '' until set
  local fields = {}
  for i = 1, #hash, 2 do
    if hash[i + 1] ~= '' then
      fields[#fields + 1] = hash[i]
      fields[#fields + 1] = hash[i + 1]
    end
  end
  started = started + 1
  local execution = ARGV[11 + started]
  redis.call('HSET', jobKey, 'status', 'started', 'started_at', nowStamp, 'last_heartbeat', nowStamp, 'worker_name', worker)
  redis.call('PERSIST', jobKey)
  local member = id .. ':' .. execution
  local executionKey = '${prefixes.execution}' .. member
  redis.call('HSET', executionKey, 'id', execution, 'created_at', nowFloat, 'last_heartbeat', nowFloat)
  redis.call('EXPIRE', executionKey, ttlText)
  local executionsKey = '${prefixes.executions}' .. id
  redis.call('ZADD', executionsKey, executionsScore, execution)
  redis.call('EXPIRE', executionsKey, executionsTtl)
  redis.call('ZADD', KEYS[base(qi) + 2], wipScore, member)
  jobs[#jobs + 1] = {qi, id, execution, fields}
  lastId = id
  local queueName = queueNames[qi]
  if not queueName then
    queueName = string.sub(KEYS[base(qi)], ${prefixes.queue.length + 1})
    queueNames[qi] = queueName
  end
  if listened(queueName) then
    publishEvent(queueName, {event = 'started', job_id = id, queue = queueName, worker = worker, at = nowFloat})
  end
  return true
end

if fromQueue > 0 then
  local allowed, window = allowance(fromQueue)
  if allowed > 0 then
    if redis.call('LREM', KEYS[base(fromQueue) + 1], 1, ARGV[3]) == 1 and start(fromQueue, ARGV[3]) then count(fromQueue, 1, window) end
  else
    giveBack(fromQueue, ARGV[3])
  end
end
local queues = (#KEYS - 2) / 5
for qi = 1, queues do
  if started >= wanted then break end
  local allowed, window = allowance(qi)
  local taken = 0
  while started < wanted and taken < allowed do
    local id = redis.call('LPOP', KEYS[base(qi)])
    if not id then break end
    if start(qi, id) then taken = taken + 1 end
  end
  count(qi, taken, window)
end
if lastId and redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HSET', KEYS[2], 'state', 'busy', 'current_job', lastId, 'current_job_working_time', '0', 'last_heartbeat', nowStamp)
end
local result = {'ok', wait}
for _, job in ipairs(jobs) do result[#result + 1] = job end
return result
`,
} as const;
