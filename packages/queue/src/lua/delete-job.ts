/**
 * rqts_delete_job_v1 — delete a job everywhere it can be: its queue, every registry of its queue,
 * its executions, its dependency sets (and its entry in each parent's dependents set), its result
 * stream and its hash. RQ leaves the result stream to expire; a deleted job here leaves nothing.
 *
 * KEYS[1] rq:job:{id}
 * ARGV[1] job id
 *
 * Returns 1 when a hash was deleted, 0 when there was none.
 */
import { prefixes, suffixes } from "../keys.js";

const registries = [prefixes.finished, prefixes.failed, prefixes.deferred, prefixes.scheduled, prefixes.canceled];

export const deleteJobScript = {
  name: "rqts_delete_job_v1",
  lua: `
local id = ARGV[1]
local jobKey = KEYS[1]
local existed = redis.call('EXISTS', jobKey)
local origin = redis.call('HGET', jobKey, 'origin')
local executionsKey = '${prefixes.executions}' .. id
local executions = redis.call('ZRANGE', executionsKey, 0, -1)
if origin then
  redis.call('LREM', '${prefixes.queue}' .. origin, 0, id)
  local wipKey = '${prefixes.wip}' .. origin
  redis.call('ZREM', wipKey, id)
  for _, execution in ipairs(executions) do redis.call('ZREM', wipKey, id .. ':' .. execution) end
  for _, prefix in ipairs({${registries.map((p) => `'${p}'`).join(", ")}}) do redis.call('ZREM', prefix .. origin, id) end
end
for _, execution in ipairs(executions) do redis.call('DEL', '${prefixes.execution}' .. id .. ':' .. execution) end
local dependenciesKey = '${prefixes.dependencies}' .. id .. '${suffixes.dependencies}'
for _, parent in ipairs(redis.call('SMEMBERS', dependenciesKey)) do
  redis.call('SREM', '${prefixes.job}' .. parent .. '${suffixes.dependents}', id)
end
redis.call('DEL', jobKey, jobKey .. '${suffixes.dependents}', dependenciesKey, executionsKey, '${prefixes.results}' .. id)
return existed
`,
} as const;
