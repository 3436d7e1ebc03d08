// tutorials/workshop/3-fan-out/checks.ts — what `npm run workshop -w @rqts/tutorials -- 3` checks.
import { Queue } from "@rqts/queue";
import { expectTask, expectThat, withWorker, type ExerciseChecks } from "../checker/requirements.js";
import type * as Exercise from "./tasks.js";

const TEXTS = ["the quick brown fox", "jumps over", "the lazy dog"];

const checks: ExerciseChecks<typeof Exercise> = {
  requirements: [
    {
      title: 'tasks.ts exports addCounts, a task named "workshop.add-counts", and countAll',
      async check({ addCounts, countAll }) {
        expectTask(addCounts, "addCounts", "workshop.add-counts");
        expectThat(typeof countAll === "function", "export countAll(queue, texts)");
      },
    },
    {
      title: "countAll returns the aggregate job, deferred until its parts have run",
      async check({ countAll }, { connection }) {
        const total = await countAll(new Queue("fan-out", { connection }), TEXTS);
        expectThat(total?.description?.startsWith("workshop.add-counts(") === true, "countAll must return the addCounts job");
        const status = await total.getStatus();
        expectThat(status === "deferred", `the addCounts job is ${status} before any worker ran: make it dependsOn every countWords job`);
        const parents = await total.dependencyStatuses();
        expectThat(parents.length === TEXTS.length, `the addCounts job depends on ${parents.length} job(s): one countWords job per text, ${TEXTS.length} here`);
      },
    },
    {
      title: "a worker runs the parts, then the aggregate: 9 words in all",
      async check(module, context) {
        const queue = new Queue("fan-out", { connection: context.connection });
        const total = await module.countAll(queue, TEXTS);
        const result = await withWorker(context, "fan-out", [module.countWords, module.addCounts], () => total.waitForResult({ timeout: "10s" }));
        expectThat(result === 9, `the addCounts job returned ${JSON.stringify(result)}: the three texts have 9 words`);
      },
    },
  ],
};
export default checks;
