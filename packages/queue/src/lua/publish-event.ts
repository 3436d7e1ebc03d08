/**
 * A Lua fragment shared by the scripts that publish job events: `publishEvent(queue, event)` sends
 * `event` as JSON on rq:events:{queue} — only when someone listens there (a SUBSCRIBE to that channel or
 * any PSUBSCRIBE on this server). Nobody listens to most queues most of the time, and a worker's hot
 * path publishes twice per job, so skipping the JSON encoding and the PUBLISH for an unheard channel is
 * a measurable part of Redis's time per job. Asked once per queue and script call: a listener that
 * subscribes while a script runs would not have seen those events anyway.
 *
 * Events reach clients of the server that runs the script (the primary); pub/sub is not persisted and
 * QueueEvents documents that it delivers to whoever listens at that moment. `listened(queue)` lets a hot
 * path skip building an event nobody will receive.
 */
import { prefixes } from "../keys.js";

export const publishEventLua = `
local heardQueues = {}
local patternListeners = nil
-- Whether anyone listens to the queue's events (hot paths ask first, to skip building the event)
local function listened(queue)
  local heard = heardQueues[queue]
  if heard == nil then
    if patternListeners == nil then patternListeners = redis.call('PUBSUB', 'NUMPAT') > 0 end
    heard = patternListeners or redis.call('PUBSUB', 'NUMSUB', '${prefixes.events}' .. queue)[2] > 0
    heardQueues[queue] = heard
  end
  return heard
end
local function publishEvent(queue, event)
  if listened(queue) then redis.call('PUBLISH', '${prefixes.events}' .. queue, cjson.encode(event)) end
end
`;
