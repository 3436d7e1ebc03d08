/**
 * rqts_finish_v1 — record how a batch of executions ended: finished, failed, or abandoned (its worker
 * stopped heartbeating). Each outcome is one atomic transition out of rq:wip, like RQ's success and
 * failure MULTIs, batched so that a busy worker pays one round trip for many jobs.
 *
 * KEYS[1]   rq:worker:{w} of the worker reporting (its counters and state are updated)
 * ARGV[1]   worker name ("" when maintenance reports abandoned jobs)
 * ARGV[2]   now as RQ timestamp   ARGV[3] now as float epoch seconds   ARGV[4] now as whole epoch seconds
 * ARGV[5]   default result ttl    ARGV[6] default failure ttl          ARGV[7] worker state to set after ("" = none)
 * ARGV[8]   max result entries kept (XADD MAXLEN ~)
 * ARGV[9..] per outcome, 7 values: kind ("ok"|"fail"|"abandon"), queue name, job id,
 *           execution id ("" for a plain-id wip member written by RQ 1.x), execution start (float epoch),
 *           payload (base64 return value, or base64 zlib error text), working time in seconds
 *
 * Returns one code per outcome: 1 recorded; 0 skipped because the execution is no longer in rq:wip
 * (maintenance declared it abandoned, or it was deleted) or, for "abandon", its heartbeat is fresh again.
 * Guarantee: the job leaves rq:wip and enters finished/failed with its result in the same step.
 */
import { prefixes, suffixes } from "../keys.js";

export const finishScript = {
  name: "rqts_finish_v1",
  lua: `
local worker, nowStamp, nowFloat, nowInt = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
local defaultResultTtl, defaultFailureTtl, history = tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[8]
local workerKey = KEYS[1]
local workerAlive = worker ~= '' and redis.call('EXISTS', workerKey) == 1
local codes = {}

local function setTtl(key, ttl)
  if ttl < 0 then redis.call('PERSIST', key) else redis.call('EXPIRE', key, ttl) end
end

local function addResult(id, resultType, field, payload, execution, startedAt)
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
  redis.call('XADD', '${prefixes.results}' .. id, 'MAXLEN', '~', history, '*', unpack(entry))
end

local function succeed(id, queue, execution, startedAt, payload, working)
  local jobKey = '${prefixes.job}' .. id
  local dependentsKey = jobKey .. '${suffixes.dependents}'
  local dependenciesKey = '${prefixes.dependencies}' .. id .. '${suffixes.dependencies}'
  local ttl = tonumber(redis.call('HGET', jobKey, 'result_ttl') or '') or defaultResultTtl
  if ttl == 0 then
    redis.call('DEL', jobKey, dependentsKey, dependenciesKey)
  else
    redis.call('HSET', jobKey, 'status', 'finished', 'ended_at', nowStamp, 'last_heartbeat', nowStamp)
    addResult(id, '1', 'return_value', payload, execution, startedAt)
    setTtl('${prefixes.results}' .. id, ttl)
    if ttl < 0 then
      redis.call('ZADD', '${prefixes.finished}' .. queue, '+inf', id)
    else
      redis.call('ZADD', '${prefixes.finished}' .. queue, nowInt + ttl, id)
    end
    setTtl(jobKey, ttl)
    setTtl(dependentsKey, ttl)
    setTtl(dependenciesKey, ttl)
  end
  if workerAlive then
    redis.call('HINCRBY', workerKey, 'successful_job_count', 1)
    redis.call('HINCRBYFLOAT', workerKey, 'total_working_time', working)
  end
end

local function fail(kind, id, queue, execution, startedAt, payload, working)
  local jobKey = '${prefixes.job}' .. id
  local given = tonumber(redis.call('HGET', jobKey, 'failure_ttl') or '')
  local ttl = given or defaultFailureTtl
  redis.call('HSET', jobKey, 'status', 'failed', 'ended_at', nowStamp, 'last_heartbeat', nowStamp)
  addResult(id, '2', 'exc_string', payload, execution, startedAt)
  -- RQ expires the result stream only when failure_ttl was given explicitly
  if given then setTtl('${prefixes.results}' .. id, ttl) end
  if ttl < 0 then
    redis.call('ZADD', '${prefixes.failed}' .. queue, '+inf', id)
  else
    redis.call('ZADD', '${prefixes.failed}' .. queue, nowInt + ttl, id)
  end
  setTtl(jobKey, ttl)
  if workerAlive and kind == 'fail' then
    redis.call('HINCRBY', workerKey, 'failed_job_count', 1)
    redis.call('HINCRBYFLOAT', workerKey, 'total_working_time', working)
  end
end

for a = 9, #ARGV, 7 do
  local kind, queue, id, execution, startedAt, payload, working =
    ARGV[a], ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4], ARGV[a + 5], ARGV[a + 6]
  local member = id
  if execution ~= '' then member = id .. ':' .. execution end
  local wipKey = '${prefixes.wip}' .. queue
  local code = 1
  if kind == 'abandon' then
    local score = redis.call('ZSCORE', wipKey, member)
    if (not score) or tonumber(score) > nowInt then code = 0 end
  end
  if code == 1 and redis.call('ZREM', wipKey, member) == 0 then code = 0 end
  if code == 1 then
    if execution ~= '' then
      redis.call('DEL', '${prefixes.execution}' .. id .. ':' .. execution)
      redis.call('ZREM', '${prefixes.executions}' .. id, execution)
    end
    if redis.call('EXISTS', '${prefixes.job}' .. id) == 1 then
      if kind == 'ok' then
        succeed(id, queue, execution, startedAt, payload, working)
      else
        fail(kind, id, queue, execution, startedAt, payload, working)
      end
    end
  end
  codes[#codes + 1] = code
end
if workerAlive and ARGV[7] ~= '' then
  redis.call('HSET', workerKey, 'state', ARGV[7], 'last_heartbeat', nowStamp)
  if ARGV[7] == 'idle' then redis.call('HDEL', workerKey, 'current_job') end
end
return codes
`,
} as const;
