/**
 * rqts_enqueue_v3 — enqueue a batch of jobs on one queue, all or nothing.
 *
 * KEYS[1]     rq:queues
 * KEYS[2]     rq:queue:{q}
 * KEYS[3]     rq:deferred:{q}
 * KEYS[4]     rq:scheduled:{q}
 * KEYS[5..]   rq:job:{id}, one per job, in batch order
 * ARGV[1]     the queue key, as listed in rq:queues      ARGV[2] now as whole epoch seconds
 * ARGV[3]     S, the number of hash fields every job of the batch has with the same value
 * ARGV[4..]   those S field/value pairs (written into every job's hash, after FIELDS_EMPTY_BY_DEFAULT as '')
 * then, per job: id; options ("" for none, else ";"-separated: front, unique, allow (dependency
 *             failures), replace (delete an existing hash first), ttl=S, due=T (whole epoch seconds),
 *             deps=D); when deps=D, the D dependency ids; the call as JSON text and the Adler-32 of its
 *             UTF-8 bytes ("" and "": `data` is among the job's own fields instead); field count N;
 *             N field/value pairs of its own
 *
 * The job's `data` field is RQ's zlib of the JSON call; the client sends the text and its checksum and
 * this script wraps it in zlib stored blocks (the bytes `zlibStore` makes), so that a batch travels as
 * text: ioredis builds a command with a binary argument about three times slower. Most jobs have no
 * options, so they cost one empty argument; numbers arrive as text (Lua would format them with snprintf).
 *
 * Returns {1, status per job ("queued"|"deferred"|"scheduled")}, or {0, id} when a unique job's id exists already
 * (then nothing at all is written).
 * Guarantees: a job id appears in its queue only together with its complete hash (RQ's enqueue MULTI);
 * an old hash under an id the caller chose (replace) is replaced, never merged (a random UUID names
 * none); dependencies are checked and registered in the same step, so a parent finishing meanwhile
 * cannot strand the child (RQ uses WATCH and retries).
 * A parent that does not exist counts as done (as in RQ); one that already failed releases a child
 * that allows failure at once (RQ leaves that child deferred for ever).
 */
import { prefixes, suffixes } from "../keys.js";

/**
 * Fields every RQ job hash has, empty until the job runs or unless set (Python tests them for
 * truthiness, so they must exist). The script writes them as '' first; the client sends them only when
 * a job sets one (a callback), and what it sends comes later in the HSET, so it wins.
 */
export const FIELDS_EMPTY_BY_DEFAULT = [
  "success_callback_name",
  "failure_callback_name",
  "stopped_callback_name",
  "started_at",
  "ended_at",
  "last_heartbeat",
  "worker_name",
  "group_id",
] as const;

const emptyFieldsLua = FIELDS_EMPTY_BY_DEFAULT.map((field) => `'${field}', ''`).join(", ");

export const enqueueScript = {
  name: "rqts_enqueue_v3",
  lua: `
local nowText = ARGV[2]
local sharedFirst, sharedLast = 4, 3 + 2 * tonumber(ARGV[3])
local noDependencies = {}
local jobs = {}
local a = sharedLast + 1
for j = 5, #KEYS do
  local job = {key = KEYS[j], id = ARGV[a], deps = noDependencies}
  local options = ARGV[a + 1]
  a = a + 2
  if options ~= '' then
    for flag in string.gmatch(options, '[^;]+') do
      local name, value = string.match(flag, '^(%a+)=?(.*)$')
      if name == 'front' then job.atFront = true
      elseif name == 'unique' then job.unique = true
      elseif name == 'allow' then job.allow = true
      elseif name == 'replace' then job.replace = true
      elseif name == 'ttl' then job.ttl = value
      elseif name == 'due' then job.due = value
      elseif name == 'deps' then
        job.deps = {}
        for i = 1, tonumber(value) do job.deps[i] = ARGV[a + i - 1] end
        a = a + #job.deps
      end
    end
  end
  job.text, job.adler = ARGV[a], tonumber(ARGV[a + 1])
  job.n = tonumber(ARGV[a + 2])
  job.first = a + 3
  a = a + 3 + 2 * job.n
  if job.unique and redis.call('EXISTS', job.key) == 1 then return {0, job.id} end
  jobs[#jobs + 1] = job
end

-- RFC 1950 zlib of text in stored (uncompressed) blocks of at most 65,535 bytes, with its Adler-32
local function zlibStored(text, adler)
  local parts = {'\\120\\1'}
  local length, at = #text, 1
  repeat
    local size = math.min(length - at + 1, 65535)
    local final = 0
    if at + size > length then final = 1 end
    local low, high = size % 256, math.floor(size / 256)
    parts[#parts + 1] = string.char(final, low, high, 255 - low, 255 - high)
    parts[#parts + 1] = string.sub(text, at, at + size - 1)
    at = at + size
  until at > length
  parts[#parts + 1] = string.char(math.floor(adler / 16777216) % 256, math.floor(adler / 65536) % 256, math.floor(adler / 256) % 256, adler % 256)
  return table.concat(parts)
end

redis.call('SADD', KEYS[1], ARGV[1])
local statuses = {1}
-- RQ's fields that start empty, then the shared fields, once; each job's own fields are written after
-- them, into the same table (a field given twice takes its last value)
local fields = {${emptyFieldsLua}, unpack(ARGV, sharedFirst, sharedLast)}
local sharedCount = #fields
-- ids for the front and the back of the queue, pushed together at the end (LPUSH a, LPUSH b is LPUSH a b)
local front, back = {}, {}
for _, job in ipairs(jobs) do
  if job.replace then redis.call('DEL', job.key) end
  local n = sharedCount
  if job.adler then
    fields[n + 1] = 'data'
    fields[n + 2] = zlibStored(job.text, job.adler)
    n = n + 2
  end
  for i = job.first, job.first + 2 * job.n - 1 do
    n = n + 1
    fields[n] = ARGV[i]
  end
  redis.call('HSET', job.key, unpack(fields, 1, n))
  local waiting = false
  for _, dep in ipairs(job.deps) do
    local status = redis.call('HGET', '${prefixes.job}' .. dep, 'status')
    if status and status ~= 'finished' and not (job.allow and status == 'failed') then waiting = true end
  end
  local dependenciesKey = '${prefixes.dependencies}' .. job.id .. '${suffixes.dependencies}'
  if job.due then
    -- due later: the scheduler queues it then (RQ writes this ZADD outside its MULTI; here it is inside)
    redis.call('HSET', job.key, 'status', 'scheduled')
    redis.call('HDEL', job.key, 'enqueued_at')
    if job.atFront then redis.call('HSET', job.key, 'enqueue_at_front', '1') end
    redis.call('ZADD', KEYS[4], job.due, job.id)
    statuses[#statuses + 1] = 'scheduled'
  elseif waiting then
    redis.call('HSET', job.key, 'status', 'deferred')
    redis.call('HDEL', job.key, 'enqueued_at')
    redis.call('ZADD', KEYS[3], nowText, job.id)
    redis.call('DEL', dependenciesKey)
    for _, dep in ipairs(job.deps) do
      redis.call('SADD', '${prefixes.job}' .. dep .. '${suffixes.dependents}', job.id)
      redis.call('SADD', dependenciesKey, dep)
    end
    statuses[#statuses + 1] = 'deferred'
  elseif job.atFront then
    front[#front + 1] = job.id
    statuses[#statuses + 1] = 'queued'
  else
    back[#back + 1] = job.id
    statuses[#statuses + 1] = 'queued'
  end
  if job.ttl then
    redis.call('EXPIRE', job.key, job.ttl)
    if waiting then redis.call('EXPIRE', dependenciesKey, job.ttl) end
  end
end
if #front > 0 then redis.call('LPUSH', KEYS[2], unpack(front)) end
if #back > 0 then redis.call('RPUSH', KEYS[2], unpack(back)) end
return statuses
`,
} as const;
