// tutorials/06-scheduling/schedule.ts — schedule jobs on the "reminders" queue.
//   npx tsx tutorials/06-scheduling/schedule.ts in 3s WHAT      a reminder in 3 seconds
//   npx tsx tutorials/06-scheduling/schedule.ts at ISO WHAT     a reminder at a time (whole seconds; e.g. 2030-01-31T09:00:00Z)
//   npx tsx tutorials/06-scheduling/schedule.ts cron            register the lesson's cron entries
import { Redis } from "ioredis";
import { Queue } from "@rqts/queue";
import { buildReport, sendReminder } from "./tasks.js";

const [command, when, what = "stand up"] = process.argv.slice(2);
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const queue = new Queue("reminders", { connection });
// What a learner reads on a wall clock in Berlin, and what Redis stores (always UTC).
const berlin = (date: Date) => date.toLocaleString("en-GB", { timeZone: "Europe/Berlin", dateStyle: "medium", timeStyle: "short" });

try {
  if (command === "in" && when) {
    const job = await queue.enqueueIn(when, sendReminder, [what]);
    console.log(`Scheduled ${job.description} as job ${job.id}: ${job.status}`);
  } else if (command === "at" && when) {
    const job = await queue.enqueueAt(new Date(when), sendReminder, [what]);
    console.log(`Scheduled ${job.description} as job ${job.id} at ${new Date(when).toISOString()}: ${job.status}`);
  } else if (command === "cron") {
    // Registering the same definitions at every start changes nothing: each id keeps one entry.
    const weekday = await queue.cron(
      { id: "weekday-report", pattern: "0 9 * * 1-5", timezone: "Europe/Berlin" },
      buildReport,
      ["weekday"],
    );
    console.log(`weekday-report: next run ${berlin(weekday.nextRun!)} in Berlin, ${weekday.nextRun!.toISOString()} in UTC`);
    // Six fields, seconds first: every 2 seconds, three jobs in all, then the entry removes itself.
    const ticker = await queue.cron({ id: "ticker", pattern: "*/2 * * * * *", repeat: 3 }, buildReport, ["ticker"]);
    console.log(`ticker: ${ticker.runsLeft} runs left, the first at ${ticker.nextRun!.toISOString()}`);
  } else {
    console.error("usage: npx tsx tutorials/06-scheduling/schedule.ts (in DURATION | at ISO-DATE) [WHAT] | cron");
    process.exitCode = 2;
  }
} finally {
  connection.disconnect();
}
