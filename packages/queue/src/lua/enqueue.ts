/**
 * rqts_enqueue_v2 — enqueue a batch of jobs on one queue, all or nothing.
 *
 * KEYS[1]     rq:queues
 * KEYS[2]     rq:queue:{q}
 * KEYS[3]     rq:deferred:{q}
 * KEYS[4]     rq:scheduled:{q}
 * KEYS[5..]   rq:job:{id}, one per job, in batch order
 * ARGV[1]     the queue key, as listed in rq:queues      ARGV[2] now as whole epoch seconds
 * ARGV[3]     S, the number of hash fields every job of the batch has with the same value
 * ARGV[4..]   those S field/value pairs (written into every job's hash)
 * then, per job: id, atFront ("1"|"0"), ttl seconds ("" = none), unique ("1"|"0"),
 *             allowFailure ("1"|"0"), due time in whole epoch seconds ("" = now), dependency count D,
 *             D dependency ids, the call as JSON text and the Adler-32 of its UTF-8 bytes ("" and "":
 *             `data` is among the job's own fields instead), field count N, N field/value pairs of its own
 *
 * The job's `data` field is RQ's zlib of the JSON call; the client sends the text and its checksum and
 * this script wraps it in zlib stored blocks (the bytes `zlibStore` makes), so that a batch travels as
 * text: ioredis builds a command with a binary argument about three times slower.
 *
 * Returns {1, status per job ("queued"|"deferred"|"scheduled")}, or {0, id} when a unique job's id exists already
 * (then nothing at all is written).
 * Guarantees: a job id appears in its queue only together with its complete hash (RQ's enqueue MULTI);
 * an old hash under the same id is replaced, never merged; dependencies are checked and registered in
 * the same step, so a parent finishing meanwhile cannot strand the child (RQ uses WATCH and retries).
 * A parent that does not exist counts as done (as in RQ); one that already failed releases a child
 * that allows failure at once (RQ leaves that child deferred for ever).
 */
import { prefixes, suffixes } from "../keys.js";

export const enqueueScript = {
  name: "rqts_enqueue_v2",
  lua: `
local nowInt = tonumber(ARGV[2])
local sharedFirst, sharedLast = 4, 3 + 2 * tonumber(ARGV[3])
local jobs = {}
local a = sharedLast + 1
for j = 5, #KEYS do
  local job = {key = KEYS[j], id = ARGV[a], atFront = ARGV[a + 1], ttl = tonumber(ARGV[a + 2]),
    unique = ARGV[a + 3], allow = ARGV[a + 4], due = tonumber(ARGV[a + 5]), deps = {}}
  local d = tonumber(ARGV[a + 6])
  for i = 1, d do job.deps[i] = ARGV[a + 6 + i] end
  a = a + 7 + d
  job.text, job.adler = ARGV[a], tonumber(ARGV[a + 1])
  job.n = tonumber(ARGV[a + 2])
  job.first = a + 3
  a = a + 3 + 2 * job.n
  if job.unique == '1' and redis.call('EXISTS', job.key) == 1 then return {0, job.id} end
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
for _, job in ipairs(jobs) do
  redis.call('DEL', job.key)
  local fields = {unpack(ARGV, sharedFirst, sharedLast)}
  if job.adler then
    fields[#fields + 1] = 'data'
    fields[#fields + 1] = zlibStored(job.text, job.adler)
  end
  for i = job.first, job.first + 2 * job.n - 1 do fields[#fields + 1] = ARGV[i] end
  redis.call('HSET', job.key, unpack(fields))
  local waiting = false
  for _, dep in ipairs(job.deps) do
    local status = redis.call('HGET', '${prefixes.job}' .. dep, 'status')
    if status and status ~= 'finished' and not (job.allow == '1' and status == 'failed') then waiting = true end
  end
  local dependenciesKey = '${prefixes.dependencies}' .. job.id .. '${suffixes.dependencies}'
  if job.due then
    -- due later: the scheduler queues it then (RQ writes this ZADD outside its MULTI; here it is inside)
    redis.call('HSET', job.key, 'status', 'scheduled')
    redis.call('HDEL', job.key, 'enqueued_at')
    if job.atFront == '1' then redis.call('HSET', job.key, 'enqueue_at_front', '1') end
    redis.call('ZADD', KEYS[4], job.due, job.id)
    statuses[#statuses + 1] = 'scheduled'
  elseif waiting then
    redis.call('HSET', job.key, 'status', 'deferred')
    redis.call('HDEL', job.key, 'enqueued_at')
    redis.call('ZADD', KEYS[3], nowInt, job.id)
    redis.call('DEL', dependenciesKey)
    for _, dep in ipairs(job.deps) do
      redis.call('SADD', '${prefixes.job}' .. dep .. '${suffixes.dependents}', job.id)
      redis.call('SADD', dependenciesKey, dep)
    end
    statuses[#statuses + 1] = 'deferred'
  elseif job.atFront == '1' then
    redis.call('LPUSH', KEYS[2], job.id)
    statuses[#statuses + 1] = 'queued'
  else
    redis.call('RPUSH', KEYS[2], job.id)
    statuses[#statuses + 1] = 'queued'
  end
  if job.ttl and job.ttl > 0 then
    redis.call('EXPIRE', job.key, job.ttl)
    if waiting then redis.call('EXPIRE', dependenciesKey, job.ttl) end
  end
end
return statuses
`,
} as const;
