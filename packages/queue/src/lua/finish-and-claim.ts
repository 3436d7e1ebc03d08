/**
 * rqts_finish_claim_v2 — the finish script, then the claim script, as one atomic step in one round
 * trip. A worker commits the jobs that just ended and starts the next ones together: at concurrency 1
 * that is one round trip per job, and a job its own outcome queued again (a retry or repeat at once, a
 * dependent released) is claimable by the same call, as when the two scripts ran one after the other.
 *
 * KEYS      the claim script's KEYS; its KEYS[2], rq:worker:{w}, is the finish script's KEYS[1]
 * ARGV      the claim script's ARGV (11 values, then ARGV[1] execution ids), then the finish script's ARGV
 *
 * Returns {finish codes, claim reply}, each as its own script returns it (see finish.ts and claim.ts).
 * Guarantees: those of both scripts; the outcomes are recorded before any job is claimed.
 */
import { claimScript } from "./claim.js";
import { finishScript } from "./finish.js";
import { publishEventLua } from "./publish-event.js";

/** A script's body without its copy of the events fragment: the combined script shares one. */
function withoutEventsFragment(lua: string): string {
  if (!lua.includes(publishEventLua)) throw new Error("the events fragment is missing from a script it should be in");
  return lua.replace(publishEventLua, "");
}

export const finishAndClaimScript = {
  name: "rqts_finish_claim_v2",
  lua: `
-- one events fragment for both parts, so whether anyone listens is asked once per call
${publishEventLua}
local function finishOutcomes(KEYS, ARGV)
${withoutEventsFragment(finishScript.lua)}
end
local function claimJobs(KEYS, ARGV)
${withoutEventsFragment(claimScript.lua)}
end
local claimArgs = 11 + tonumber(ARGV[1])
local codes = finishOutcomes({KEYS[2]}, {unpack(ARGV, claimArgs + 1, #ARGV)})
return {codes, claimJobs(KEYS, ARGV)}
`,
} as const;
