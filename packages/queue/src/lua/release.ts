/**
 * rqts_release_v1 — give back an id that a blocking dequeue moved into rq:queue:{q}:intermediate but
 * that the worker will not start (it is shutting down): back to the front of its queue.
 *
 * KEYS[1] rq:queue:{q}   KEYS[2] rq:queue:{q}:intermediate
 * ARGV[1] job id
 *
 * Returns 1 when the id was given back, 0 when it was no longer in the intermediate list.
 */
export const releaseScript = {
  name: "rqts_release_v1",
  lua: `
if redis.call('LREM', KEYS[2], 1, ARGV[1]) == 1 then
  redis.call('LPUSH', KEYS[1], ARGV[1])
  return 1
end
return 0
`,
} as const;
