/**
 * rqts_save_meta_v1 — store a job's `meta` field alone, and only while the job exists (a bare HSET
 * would recreate a deleted or expired hash holding nothing but meta).
 *
 * KEYS[1] rq:job:{id}
 * ARGV[1] meta as JSON
 *
 * Returns 1 when saved, 0 when the job does not exist.
 */
export const saveMetaScript = {
  name: "rqts_save_meta_v1",
  lua: `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'meta', ARGV[1])
return 1
`,
} as const;
