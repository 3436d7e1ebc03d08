// tutorials/workshop/4-scheduling/checks.ts — what `npm run workshop -w @rqts/tutorials -- 4` checks.
import { setTimeout as sleep } from "node:timers/promises";
import { Job, Queue, type CronEntry } from "@rqts/queue";
import { NotDoneYet, expectTask, expectThat, withWorker, type ExerciseChecks } from "../checker/requirements.js";
import type * as Exercise from "./tasks.js";

const DAY_MS = 24 * 3600_000;

/** Waits up to `ms` for the entry to have enqueued a job; returns its id, or null. */
async function firstJobOf(queue: Queue, id: string, ms: number): Promise<string | null> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; await sleep(50)) {
    const entry = await queue.cronEntries.get(id);
    if (entry?.lastJobId) return entry.lastJobId;
  }
  return null;
}

/** How an entry runs, in words, for a message. */
function cadence(entry: CronEntry): string {
  return entry.kind === "cron" ? `on the cron pattern "${entry.pattern}"` : `every ${entry.intervalMs! / 1000} s`;
}

const checks: ExerciseChecks<typeof Exercise> = {
  requirements: [
    {
      title: "tasks.ts exports remindLater and scheduleDigest, and the tasks remind and sendDigest",
      async check({ remind, sendDigest, remindLater, scheduleDigest }) {
        expectTask(remind, "remind", "workshop.remind");
        expectTask(sendDigest, "sendDigest", "workshop.send-digest");
        expectThat(typeof remindLater === "function", "export remindLater(queue, what, seconds)");
        expectThat(typeof scheduleDigest === "function", "export scheduleDigest(queue, team)");
      },
    },
    {
      title: "remindLater puts the reminder in the scheduled registry, due in the seconds asked for",
      async check({ remindLater }, { connection }) {
        const queue = new Queue("reminders", { connection });
        for (const seconds of [2, 30]) {
          const before = Date.now();
          const job = await remindLater(queue, "stand up", seconds);
          expectThat(job?.taskName === "workshop.remind", "remindLater must return the job of remind that it enqueued");
          const status = await job.getStatus();
          expectThat(status === "scheduled", `the reminder is ${status}, not scheduled: enqueue it with queue.enqueueIn, so it waits until it is due`);
          const [scheduled] = (await queue.scheduledJobs.getJobs({ withTimes: true })).filter((item) => item.job.id === job.id);
          expectThat(scheduled !== undefined, 'the reminder is not in the scheduled registry of the queue "reminders": enqueue it on the queue you are given');
          // Due times are whole seconds, rounded up: "2s" from 12:00:00.700 is due at 12:00:03.
          const dueIn = (scheduled.at.getTime() - before) / 1000;
          expectThat(dueIn >= seconds && dueIn < seconds + 1.5, `remindLater(queue, "stand up", ${seconds}) is due in ${dueIn.toFixed(1)} s, not ${seconds} s: give enqueueIn the delay with its unit, "${seconds}s" (a plain number is milliseconds)`);
        }
        const queued = await queue.count();
        expectThat(queued === 0, `${queued} job(s) on the queue itself: a reminder must wait in the scheduled registry, not be enqueued at once too`);
      },
    },
    {
      title: "a worker with the scheduler runs the reminder once it is due, not before",
      async check({ remindLater, remind, sendDigest }, context) {
        const job = await remindLater(new Queue("reminders", { connection: context.connection }), "stand up", 2);
        const result = await withWorker(context, "reminders", [remind, sendDigest], async () => {
          await sleep(500);
          const early = await job.getStatus();
          expectThat(early === "scheduled", `half a second after remindLater(…, 2) the reminder is ${early}: it must wait its 2 seconds in the scheduled registry`);
          return job.waitForResult({ timeout: "5s" }).catch((error: Error) => {
            throw new NotDoneYet(`the reminder did not run within 5 s of being due (${error.message})`);
          });
        });
        expectThat(result === "reminder: stand up", `the reminder job returned ${JSON.stringify(result)}: it must run remind("stand up")`);
      },
    },
    {
      title: 'scheduleDigest keeps one daily entry per team, "digest-<team>", however often it is called',
      async check({ scheduleDigest }, { connection }) {
        const queue = new Queue("digests", { connection });
        const first = await scheduleDigest(queue, "platform");
        expectThat(first?.id !== undefined && typeof first.kind === "string", "scheduleDigest must return the entry that queue.schedule resolves to");
        await scheduleDigest(queue, "platform"); // the app's next start
        const ids = (await queue.cronEntries.list()).map((entry) => entry.id);
        expectThat(ids.length === 1, `registering the platform digest twice left ${ids.length} entries (${ids.join(", ") || "none"}): give the entry a stable id, so a second registration changes nothing`);
        const entry = await queue.cronEntries.get("digest-platform");
        expectThat(entry !== null, `the platform digest's entry is "${ids[0]}": give it the id "digest-platform" (digest- and the team)`);
        expectThat(entry.kind === "interval" && entry.intervalMs === DAY_MS, `the entry runs ${cadence(entry)}: register it with queue.schedule({ id, interval: "1d" }, …) to run every day`);
        expectThat(entry.taskName === "workshop.send-digest" && JSON.stringify(entry.args) === '["platform"]', `the entry runs ${entry.taskName}(${JSON.stringify(entry.args).slice(1, -1)}): it must run sendDigest("platform")`);
        expectThat(entry.nextRun?.getTime() === first.nextRun?.getTime(), "registering the entry again moved its next run: register the very same definition each time");
        await scheduleDigest(queue, "web");
        const count = await queue.cronEntries.count();
        expectThat(count === 2, `after the web team's digest there are ${count} entries, not 2: each team needs its own id ("digest-web"), or one team's entry replaces the other's`);
      },
    },
    {
      title: "a worker with the scheduler sends the first digest at once, one job for two registrations",
      async check({ scheduleDigest, remind, sendDigest }, context) {
        const queue = new Queue("digests", { connection: context.connection });
        await scheduleDigest(queue, "platform");
        await scheduleDigest(queue, "platform");
        const entries = await queue.cronEntries.list();
        expectThat(entries.length > 0, "scheduleDigest registered no entry on the queue it was given: use queue.schedule");
        const results = await withWorker(context, "digests", [remind, sendDigest], async () => {
          const jobIds = await Promise.all(entries.map((entry) => firstJobOf(queue, entry.id, 3000)));
          expectThat(jobIds.every((id) => id !== null), "no digest job 3 s after registering: the first digest is due now, so leave out at and in");
          return Promise.all(jobIds.map(async (id) => (await Job.fetch(context.connection, id!)).waitForResult({ timeout: "5s" })));
        });
        expectThat(results.length === 1, `two registrations made ${results.length} entries, and ${results.length} digests went out: one registration must replace the other`);
        expectThat(results[0] === "digest sent to platform", `the digest job returned ${JSON.stringify(results[0])}: it must run sendDigest("platform")`);
      },
    },
  ],
};
export default checks;
