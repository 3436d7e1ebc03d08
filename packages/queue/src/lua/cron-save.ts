/**
 * rqts_cron_save_v1 — register or update a cron entry. An identical definition (same fingerprint)
 * leaves the stored entry untouched, so registering the same schedule at every app start neither
 * moves its next run nor resets its remaining runs. A changed definition replaces the old one but
 * keeps the entry's state: paused stays paused, and its last tick and creation time are kept.
 *
 * KEYS[1] rq:cron:{q}   KEYS[2] rq:cron:{q}:{id}
 * ARGV[1] entry id      ARGV[2] fingerprint   ARGV[3] next run, epoch ms   ARGV[4] now as RQ timestamp
 * ARGV[5..] the definition's field/value pairs
 *
 * Returns 1 when the definition was written, 0 when the same definition was stored already (and the
 * entry is usable: one a scheduler paused for unusable data is written again, and stays paused).
 * Guarantee: the hash and its place in rq:cron:{q} change together.
 */
export const cronSaveScript = {
  name: "rqts_cron_save_v1",
  lua: `
local old = redis.call('HMGET', KEYS[2], 'fingerprint', 'paused', 'created_at', 'last_tick', 'last_job_id', 'error')
-- an entry a scheduler paused as unusable is rewritten even when the definition is the same
if old[1] == ARGV[2] and (not old[6] or old[6] == '') then return 0 end
local paused = old[2] == '1'
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
redis.call('HSET', KEYS[2], 'fingerprint', ARGV[2], 'paused', paused and '1' or '0',
  'next_run', paused and '' or ARGV[3], 'created_at', old[3] or ARGV[4])
if old[4] then redis.call('HSET', KEYS[2], 'last_tick', old[4], 'last_job_id', old[5] or '') end
redis.call('ZADD', KEYS[1], paused and '+inf' or ARGV[3], ARGV[1])
return 1
`,
} as const;
