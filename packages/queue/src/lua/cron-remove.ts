/**
 * rqts_cron_remove_v1 — remove a cron entry: its hash and its place in rq:cron:{q}, together. Jobs it
 * enqueued already are left alone.
 *
 * KEYS[1] rq:cron:{q}   KEYS[2] rq:cron:{q}:{id}
 * ARGV[1] entry id
 *
 * Returns 1 when the entry existed (in either place), 0 when there was nothing to remove.
 */
export const cronRemoveScript = {
  name: "rqts_cron_remove_v1",
  lua: `
local removed = redis.call('DEL', KEYS[2]) + redis.call('ZREM', KEYS[1], ARGV[1])
if removed > 0 then return 1 end
return 0
`,
} as const;
