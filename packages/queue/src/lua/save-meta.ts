/**
 * rqts_save_meta_v1 — store a job's `meta` field alone, and only while the job exists (a bare HSET
 * would recreate a deleted or expired hash holding nothing but meta); optionally publish an event
 * (progress) in the same step.
 *
 * KEYS[1] rq:job:{id}
 * ARGV[1] meta as JSON   ARGV[2] channel to publish on ("" = none)   ARGV[3] the event (JSON)
 *
 * Returns 1 when saved, 0 when the job does not exist.
 */
export const saveMetaScript = {
  name: "rqts_save_meta_v1",
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'meta', ARGV[1])
if ARGV[2] and ARGV[2] ~= '' then redis.call('PUBLISH', ARGV[2], ARGV[3]) end
return 1
`,
} as const;
