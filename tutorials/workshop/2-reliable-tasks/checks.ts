// tutorials/workshop/2-reliable-tasks/checks.ts — what `npm run workshop -w @rqts/tutorials -- 2` checks.
import { Queue, type Job } from "@rqts/queue";
import { expectTask, expectThat, withWorker, type CheckContext, type ExerciseChecks } from "../checker/requirements.js";
import type * as Exercise from "./tasks.js";

/**
 * Runs one convert job through a worker until it has finished or failed for good; returns the job,
 * refreshed, and the final error's message (empty when it finished).
 */
async function runConvert({ convert, convertJobOptions }: typeof Exercise, context: CheckContext, currency: string): Promise<{ job: Job; error: string }> {
  const job = await new Queue("rates", { connection: context.connection }).enqueue(convert, [currency, 100], convertJobOptions);
  const error = await withWorker(context, "rates", [convert], () =>
    job.waitForResult({ timeout: "15s" }).then(
      () => "",
      (failure: Error) => failure.message,
    ),
  );
  return { job: await job.refresh(), error };
}

const checks: ExerciseChecks<typeof Exercise> = {
  requirements: [
    {
      title: 'tasks.ts exports convert, a task named "workshop.convert", and convertJobOptions',
      async check({ convert, convertJobOptions }) {
        expectTask(convert, "convert", "workshop.convert");
        expectThat(typeof convertJobOptions === "object" && convertJobOptions !== null, "export convertJobOptions, the options every convert job is enqueued with");
      },
    },
    {
      title: "convertJobOptions retries at least twice, with an exponential backoff from 100 ms",
      async check({ convertJobOptions }) {
        const retry = convertJobOptions.retry;
        expectThat(retry !== undefined, "convertJobOptions has no retry: add retry: { max, backoff }");
        expectThat(retry.max >= 2, `retry.max is ${retry.max}: the service fails twice before it answers, so allow at least 2 retries`);
        expectThat(retry.backoff?.type === "exponential", 'use backoff: { type: "exponential", delay: "100ms" } so retries wait longer each time');
        expectThat(retry.backoff.delay === "100ms" || retry.backoff.delay === 100, `start the backoff at 100 ms (delay: "100ms"), not ${JSON.stringify(retry.backoff.delay)}: the check waits for every retry`);
      },
    },
    {
      title: "a conversion survives the flaky service: it succeeds on the third attempt",
      async check(module, context) {
        const { job } = await runConvert(module, context, "EUR");
        expectThat(job.status === "finished", `the EUR job ended ${job.status} after ${job.attempts} attempt(s): with enough retries the third call answers`);
        const result = await job.returnValue();
        expectThat(result === 92, `convert("EUR", 100) should return 92, not ${JSON.stringify(result)}`);
        expectThat(job.attempts === 3, `expected 3 attempts (two failures, then the answer), saw ${job.attempts}`);
      },
    },
    {
      title: "an unknown currency fails at once with UnrecoverableError, its retries unused",
      async check(module, context) {
        const { job, error } = await runConvert(module, context, "XYZ");
        expectThat(job.status === "failed", `the XYZ job ended ${job.status}: an unknown currency must fail`);
        expectThat(job.attempts === 1, `the XYZ job took ${job.attempts} attempts: throw UnrecoverableError before calling the service, so no retry is used`);
        expectThat(error.includes("UnrecoverableError"), "the XYZ job failed, but not with an UnrecoverableError");
      },
    },
  ],
};
export default checks;
