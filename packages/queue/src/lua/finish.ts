/**
 * rqts_finish_v3 — record how a batch of executions ended. Each outcome is one atomic transition out
 * of rq:wip (RQ's success and failure MULTIs, plus what RQ does in separate steps: retries, repeats,
 * releasing dependents), batched so that a busy worker pays one round trip for many jobs.
 *
 * KEYS[1]   rq:worker:{w} of the worker reporting (its counters and state are updated)
 * ARGV[1]   worker name ("" when maintenance reports abandoned jobs)
 * ARGV[2]   now as RQ timestamp   ARGV[3] now as float epoch seconds   ARGV[4] now as whole epoch seconds
 * ARGV[5]   default result ttl    ARGV[6] default failure ttl          ARGV[7] worker state to set after ("" = none)
 * ARGV[8]   max result entries kept (XADD MAXLEN ~)
 * ARGV[9]   now + default result ttl  ARGV[10] now + default failure ttl (registry scores)
 * ARGV[11]  the start of this minute, whole epoch seconds (throughput counters)
 * ARGV[12..] per outcome, 8 values:
 *           kind: "ok" | "fail" (retried while retries are left) | "fatal" (never retried) |
 *                 "abandon" (its worker died; only if its heartbeat is still expired; retried too) | "stop"
 *           queue name, job id, execution id ("" for a plain-id wip member written by RQ 1.x),
 *           execution start (float epoch), payload (base64 return value, or base64 zlib error text),
 *           working time in seconds, a random number in [0, 1) for retry jitter
 *
 * Every number Redis is given is text made by the client: Lua formats a number passed to redis.call
 * with snprintf, which cost more than the command itself on the hot path.
 *
 * Returns one code per outcome: 0 skipped (the execution is no longer in rq:wip: maintenance declared it
 * abandoned, or it was deleted; for "abandon", its heartbeat is fresh again), 1 finished, 2 failed,
 * 3 stopped, 4 retried (queued or scheduled again), 5 repeated (queued or scheduled again).
 * Publishes each transition on rq:events:{q} (JSON) for QueueEvents, and counts finished and failed
 * jobs per queue and minute in rq:throughput:{q}:{minute} (one HINCRBY per queue and kind per call).
 * The worker's counters (successful/failed job counts, total working time) are added up over the batch
 * and written once per call.
 * Guarantee: the job leaves rq:wip and reaches its next state, with its result, in the same step.
 */
import { keys, prefixes, suffixes } from "../keys.js";
import { publishEventLua } from "./publish-event.js";

export const FINISH_CODES = { skipped: 0, finished: 1, failed: 2, stopped: 3, retried: 4, repeated: 5 } as const;

export const finishScript = {
  name: "rqts_finish_v3",
  lua: `
local worker, nowStamp, nowFloat, nowInt = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local defaultResultTtl, defaultFailureTtl, history = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[8]
-- the default TTLs and their registry scores as the client wrote them, by TTL
local ttlTexts = {[defaultResultTtl] = ARGV[5], [defaultFailureTtl] = ARGV[6]}
local scoreTexts = {[defaultResultTtl] = ARGV[9], [defaultFailureTtl] = ARGV[10]}
local workerKey = KEYS[1]
local workerAlive = worker ~= '' and redis.call('EXISTS', workerKey) == 1
local codes = {}
local counted = {}
-- The worker's counters, added up over the batch and written once at the end
local successes, failures, workingTotal = 0, 0, 0
-- the working time as the client wrote it while exactly one job counted; nil: format the total
local workingText = nil

-- Per-minute throughput, aggregated over the batch: counted[queue][field] = n
local function count(queue, field)
  counted[queue] = counted[queue] or {}
  counted[queue][field] = (counted[queue][field] or 0) + 1
end

-- A number field of the job hash as a whole number, or nil when it holds anything else ("1.5" gives 1;
-- "abc", "nan", "1e999" give nil). Hand-written or hostile hashes must not make EXPIRE or HSET fail
-- halfway through this script: Redis keeps the writes made before an error, which would leave the job
-- out of rq:wip and out of every registry.
local function whole(text)
  local n = tonumber(text or '')
  if not n or n ~= n or n >= 1e15 or n <= -1e15 then return nil end
  return math.floor(n)
end

local function addWorking(working)
  local seconds = tonumber(working) or 0
  workingTotal = workingTotal + seconds
  if successes + failures == 1 and tonumber(working) then workingText = working else workingText = nil end
end

-- A count as text: most are 1 (a worker at concurrency 1 commits one job per call), and tostring costs
local function countText(n)
  if n == 1 then return '1' end
  return tostring(n)
end

-- A TTL as text: the defaults come from the client; another (a job's own result_ttl) is made once per call
local function ttlText(ttl)
  local t = ttlTexts[ttl]
  if not t then
    t = tostring(ttl)
    ttlTexts[ttl] = t
  end
  return t
end

local function setTtl(key, ttl)
  if ttl < 0 then redis.call('PERSIST', key) else redis.call('EXPIRE', key, ttlText(ttl)) end
end

-- Keys built from a prefix and a queue name, made once per call (most batches share one queue)
local queueKeys = {}
local function queueKey(prefix, queue)
  local byQueue = queueKeys[prefix]
  if not byQueue then
    byQueue = {}
    queueKeys[prefix] = byQueue
  end
  local key = byQueue[queue]
  if not key then
    key = prefix .. queue
    byQueue[queue] = key
  end
  return key
end

-- Registries are scored with their entry's expiry; "keep for ever" (-1) is +inf
local function addToRegistry(prefix, queue, ttl, id)
  if ttl < 0 then
    redis.call('ZADD', queueKey(prefix, queue), '+inf', id)
  else
    local score = scoreTexts[ttl]
    if not score then
      score = tostring(nowInt + ttl)
      scoreTexts[ttl] = score
    end
    redis.call('ZADD', queueKey(prefix, queue), score, id)
  end
end

${publishEventLua}
local function publish(queue, event)
  event.queue = queue
  event.worker = worker
  event.at = nowFloat
  publishEvent(queue, event)
end

local function addResult(resultsKey, resultType, field, payload, execution, startedAt)
  local entry = {'type', resultType, 'worker_name', worker}
  if payload ~= '' then
    entry[#entry + 1] = field
    entry[#entry + 1] = payload
  end
  if execution ~= '' then
    entry[#entry + 1] = 'execution_id'
    entry[#entry + 1] = execution
    entry[#entry + 1] = 'execution_started_at'
    entry[#entry + 1] = startedAt
    entry[#entry + 1] = 'execution_ended_at'
    entry[#entry + 1] = nowFloat
  end
  redis.call('XADD', resultsKey, 'MAXLEN', '~', history, '*', unpack(entry))
end

-- RQ's interval indexing: intervals[max(#intervals - left, 0)] (0-based), the first value repeating
local function pickInterval(intervalsJson, left)
  local ok, intervals = pcall(cjson.decode, intervalsJson or '[0]')
  if not ok or type(intervals) ~= 'table' or #intervals == 0 then return 0 end
  local index = math.max(#intervals - left, 0) + 1
  if index > #intervals then index = #intervals end
  -- whole seconds, as RQ; a hostile 1e999 would also break the event's cjson.encode
  return whole(intervals[index]) or 0
end

-- Queue the job again now, or schedule it (whole seconds, as RQ's scheduled registry scores).
local function requeue(jobKey, id, queue, interval, atFront)
  redis.call('PERSIST', jobKey)
  if interval <= 0 then
    redis.call('HSET', jobKey, 'status', 'queued', 'enqueued_at', nowStamp)
    redis.call('SADD', '${keys.queues()}', '${prefixes.queue}' .. queue)
    if atFront then
      redis.call('LPUSH', '${prefixes.queue}' .. queue, id)
    else
      redis.call('RPUSH', '${prefixes.queue}' .. queue, id)
    end
    return 'queued'
  end
  redis.call('HSET', jobKey, 'status', 'scheduled')
  redis.call('ZADD', '${prefixes.scheduled}' .. queue, nowInt + math.ceil(interval), id)
  return 'scheduled'
end

-- Queue the deferred children of a parent whose every dependency is now met.
local function releaseDependents(parentId, parentFailed)
  local dependentsKey = '${prefixes.job}' .. parentId .. '${suffixes.dependents}'
  local children = redis.call('SMEMBERS', dependentsKey)
  for _, child in ipairs(children) do
    local childKey = '${prefixes.job}' .. child
    local c = redis.call('HMGET', childKey, 'status', 'allow_dependency_failures', 'origin', 'enqueue_at_front')
    local allow = c[2] == '1'
    if c[1] == 'deferred' and c[3] and (allow or not parentFailed) then
      local met = true
      for _, dep in ipairs(redis.call('SMEMBERS', '${prefixes.dependencies}' .. child .. '${suffixes.dependencies}')) do
        local status = redis.call('HGET', '${prefixes.job}' .. dep, 'status')
        if status and status ~= 'finished' and not (allow and status == 'failed') then
          met = false
          break
        end
      end
      if met then
        redis.call('ZREM', '${prefixes.deferred}' .. c[3], child)
        requeue(childKey, child, c[3], 0, c[4] == '1')
        publish(c[3], {event = 'queued', job_id = child})
      end
    end
  end
  -- As RQ: a finished parent has released every child it can; a failed one keeps its set (it shows why children wait)
  if not parentFailed and #children > 0 then redis.call('DEL', dependentsKey) end
end

local function succeed(jobKey, id, queue, execution, startedAt, payload, working)
  local resultsKey = '${prefixes.results}' .. id
  local dependenciesKey = '${prefixes.dependencies}' .. id .. '${suffixes.dependencies}'
  local h = redis.call('HMGET', jobKey, 'result_ttl', 'repeats_left', 'repeat_intervals', 'dependency_ids', 'dependency_id', 'status')
  if not h[6] and redis.call('EXISTS', jobKey) == 0 then return nil end
  local ttl = whole(h[1]) or defaultResultTtl
  local repeatsLeft = whole(h[2])
  successes = successes + 1
  addWorking(working)
  addResult(resultsKey, '1', 'return_value', payload, execution, startedAt)
  if listened(queue) then publish(queue, {event = 'finished', job_id = id, return_value = payload}) end
  if repeatsLeft and repeatsLeft > 0 then
    local interval = pickInterval(h[3], repeatsLeft)
    redis.call('HSET', jobKey, 'ended_at', nowStamp, 'last_heartbeat', nowStamp, 'repeats_left', repeatsLeft - 1)
    redis.call('PERSIST', resultsKey)
    publish(queue, {event = requeue(jobKey, id, queue, interval, false), job_id = id, delay = interval})
    return 5
  end
  if ttl == 0 then
    redis.call('DEL', jobKey, resultsKey, dependenciesKey)
    releaseDependents(id, false)
    return 1
  end
  redis.call('HSET', jobKey, 'ended_at', nowStamp, 'last_heartbeat', nowStamp, 'status', 'finished')
  setTtl(resultsKey, ttl)
  addToRegistry('${prefixes.finished}', queue, ttl, id)
  -- releasing deletes the dependents set, so it needs no TTL
  releaseDependents(id, false)
  setTtl(jobKey, ttl)
  -- the set of parents exists only for a job that had some (RQ and rqts then write dependency_ids)
  if (h[4] or '') ~= '' or (h[5] or '') ~= '' then setTtl(dependenciesKey, ttl) end
  return 1
end

local function fail(jobKey, kind, id, queue, execution, startedAt, payload, working, random)
  local resultsKey = '${prefixes.results}' .. id
  local h = redis.call('HMGET', jobKey, 'failure_ttl', 'retries_left', 'retry_intervals', 'retry_jitter', 'enqueue_at_front_on_retry', 'number_of_retries', 'status')
  if not h[7] and redis.call('EXISTS', jobKey) == 0 then return nil end
  if kind ~= 'abandon' then
    failures = failures + 1
    addWorking(working)
  end
  local left = whole(h[2])
  if (kind == 'fail' or kind == 'abandon') and left and left > 0 then
    local interval = pickInterval(h[3], left)
    local jitter = tonumber(h[4] or '')
    if jitter and jitter > 0 then interval = interval * (1 - math.min(jitter, 1) * random) end
    redis.call('HSET', jobKey, 'ended_at', nowStamp, 'last_heartbeat', nowStamp, 'retries_left', left - 1, 'number_of_retries', (whole(h[6]) or 0) + 1)
    publish(queue, {event = 'retrying', job_id = id, exc_string = payload, delay = interval})
    requeue(jobKey, id, queue, interval, h[5] == '1')
    return 4
  end
  local given = whole(h[1])
  local ttl = given or defaultFailureTtl
  local status = 'failed'
  if kind == 'stop' then status = 'stopped' end
  redis.call('HSET', jobKey, 'ended_at', nowStamp, 'last_heartbeat', nowStamp, 'status', status)
  addResult(resultsKey, '2', 'exc_string', payload, execution, startedAt)
  -- RQ expires the result stream only when failure_ttl was given explicitly
  if given then setTtl(resultsKey, ttl) end
  addToRegistry('${prefixes.failed}', queue, ttl, id)
  setTtl(jobKey, ttl)
  publish(queue, {event = status, job_id = id, exc_string = payload})
  -- Children that allow failure go on after a failed parent; a stopped parent releases none (RQ 2.8+)
  if kind ~= 'stop' then releaseDependents(id, true) end
  if kind == 'stop' then return 3 end
  return 2
end

for a = 12, #ARGV, 8 do
  local kind, queue, id, execution, startedAt, payload, working, random =
    ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6], tonumber(ARGV[a + 7])
  local member = id
  if execution ~= '' then member = id .. ':' .. execution end
  local wipKey = queueKey('${prefixes.wip}', queue)
  local code = 0
  local ours = true
  if kind == 'abandon' then
    local score = redis.call('ZSCORE', wipKey, member)
    if (not score) or tonumber(score) > nowInt then ours = false end
  end
  if ours and redis.call('ZREM', wipKey, member) == 1 then
    if execution ~= '' then
      redis.call('DEL', '${prefixes.execution}' .. member)
      redis.call('ZREM', '${prefixes.executions}' .. id, execution)
    end
    local jobKey = '${prefixes.job}' .. id
    -- nil: the job hash is gone (deleted while it ran), so there is nothing more to record
    if kind == 'ok' then
      code = succeed(jobKey, id, queue, execution, startedAt, payload, working)
    else
      code = fail(jobKey, kind, id, queue, execution, startedAt, payload, working, random)
    end
    if code == 1 or code == 5 then count(queue, 'finished') elseif code == 2 or code == 3 then count(queue, 'failed') end
    code = code or 1
  end
  codes[#codes + 1] = code
end
for queue, fields in pairs(counted) do
  local key = '${prefixes.throughput}' .. queue .. ':' .. ARGV[11]
  -- a minute's key is made by its first count: only then does it need its expiry
  local created = false
  for field, n in pairs(fields) do
    if redis.call('HINCRBY', key, field, countText(n)) == n then created = true end
  end
  if created then redis.call('EXPIRE', key, '7200') end
end
if workerAlive and successes + failures > 0 then
  if successes > 0 then redis.call('HINCRBY', workerKey, 'successful_job_count', countText(successes)) end
  if failures > 0 then redis.call('HINCRBY', workerKey, 'failed_job_count', countText(failures)) end
  -- one job's working time is the client's text already
  if workingText == nil then workingText = string.format('%.6f', workingTotal) end
  redis.call('HINCRBYFLOAT', workerKey, 'total_working_time', workingText)
end
if workerAlive and ARGV[7] ~= '' then
  redis.call('HSET', workerKey, 'state', ARGV[7], 'last_heartbeat', nowStamp)
  if ARGV[7] == 'idle' then redis.call('HDEL', workerKey, 'current_job') end
end
return codes
`,
} as const;
