/**
 * rqts_empty_queue_v1 — remove every queued job: pop each id and delete its hash and dependents set,
 * as RQ's `Queue.empty()` script does.
 *
 * KEYS[1] rq:queue:{q}
 *
 * Returns the number of ids removed.
 */
import { prefixes, suffixes } from "../keys.js";

export const emptyQueueScript = {
  name: "rqts_empty_queue_v1",
  lua: `
local count = 0
while true do
  local id = redis.call('LPOP', KEYS[1])
  if not id then break end
  redis.call('DEL', '${prefixes.job}' .. id, '${prefixes.job}' .. id .. '${suffixes.dependents}')
  count = count + 1
end
return count
`,
} as const;
