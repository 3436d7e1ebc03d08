/**
 * `npm run schedule -w @rqts/mars-rover -- <command>`: the RQ Scheduler post's `get_jobs`, `cancel` and
 * `cron`, for the app's fetches.
 *   list                                              scheduled fetches and latest-photo cron entries
 *   cancel <job-id>                                   cancel a scheduled fetch
 *   latest --rover NAME --cron "0 6 * * *" [--camera NAME] [--timezone Europe/Berlin]
 *                                                     fetch the rover's latest photos on a cron pattern
 *   remove <entry-id>                                 remove a cron entry (the jobs it made stay)
 */
import { describeFetch } from "../lib/fetch-call";
import { cancelScheduledFetch, readSchedule, removeLatest, scheduleLatest, type LatestEntry } from "../lib/schedule";
import { oneLine } from "../lib/worker-log";
import { fail, readCommandLine, runCommand } from "./command";

const USAGE = `usage: npm run schedule -w @rqts/mars-rover -- list
       npm run schedule -w @rqts/mars-rover -- cancel <job-id>
       npm run schedule -w @rqts/mars-rover -- latest --rover NAME --cron "0 6 * * *" [--camera NAME] [--timezone ZONE]
       npm run schedule -w @rqts/mars-rover -- remove <entry-id>`;

const { values, positionals } = readCommandLine({ rover: { type: "string" }, camera: { type: "string" }, cron: { type: "string" }, timezone: { type: "string" } }, USAGE);
const [command, id, ...extra] = positionals;
const needsId = command === "cancel" || command === "remove";
if (!["list", "cancel", "latest", "remove"].includes(command ?? "") || (needsId && !id) || (!needsId && id !== undefined) || extra.length > 0) {
  fail(2, USAGE);
}

await runCommand(USAGE, async ({ config, queues }) => {
  const api = queues.api;
  if (command === "cancel") return console.log(`Canceled ${await cancelScheduledFetch(api, id)}`);
  if (command === "remove") return console.log(`Removed cron entry ${await removeLatest(api, id)}`);
  if (command === "latest") {
    const entry = await scheduleLatest(api, { rover: values.rover, camera: values.camera, pattern: values.cron, timezone: values.timezone }, config);
    return console.log(`Cron entry ${entryLine(entry)}`);
  }
  const { jobs, entries } = await readSchedule(api);
  console.log(`Scheduled fetches on ${api.name}: ${jobs.length || "none"}`);
  for (const job of jobs) console.log(oneLine(`  ${job.at}  ${describeFetch(job)}${job.retry ? " (retry)" : ""}  ${job.id}`));
  console.log(`Cron entries: ${entries.length || "none"}`);
  for (const entry of entries) console.log(oneLine(`  ${entryLine(entry)}`));
});

function entryLine(entry: LatestEntry): string {
  const next = entry.paused ? "paused" : `next ${entry.nextRun}`;
  return `${entry.id}: ${describeFetch({ kind: "latest", rover: entry.rover, sol: null, camera: entry.camera })} on "${entry.pattern}" (${entry.timezone}), ${next}`;
}
