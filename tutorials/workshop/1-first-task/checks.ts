// tutorials/workshop/1-first-task/checks.ts — what `npm run workshop -w @rqts/tutorials -- 1` checks.
import { Inspector } from "@rqts/queue";
import { expectTask, expectThat, type ExerciseChecks } from "../checker/requirements.js";
import type * as Exercise from "./tasks.js";

const checks: ExerciseChecks<typeof Exercise> = {
  requirements: [
    {
      title: 'tasks.ts exports slugify, a task named "workshop.slugify"',
      async check({ slugify }) {
        expectTask(slugify, "slugify", "workshop.slugify");
      },
    },
    {
      title: "slugify turns a title into a URL slug",
      async check({ slugify }) {
        for (const [title, slug] of [
          ["Hello, World!", "hello-world"],
          ["  Queues   in TypeScript ", "queues-in-typescript"],
          ["RQ 2.0 is out", "rq-2-0-is-out"],
        ] as const) {
          const got = await slugify.handler(title);
          expectThat(got === slug, `slugify("${title}") should return "${slug}", not ${JSON.stringify(got)}`);
        }
      },
    },
    {
      title: 'slugifyThroughWorker enqueues on "workshop" and a worker runs the job',
      async check({ slugifyThroughWorker }, { connection }) {
        const result = await slugifyThroughWorker(connection, "Background Jobs 101");
        expectThat(result === "background-jobs-101", `slugifyThroughWorker(connection, "Background Jobs 101") should resolve to "background-jobs-101", not ${JSON.stringify(result)}`);
        // The result must have come through Redis, not from calling the function directly.
        const [queue] = await new Inspector(connection).queues(["workshop"]).catch(() => []);
        expectThat(queue?.counts.finished === 1, 'no finished job on the queue "workshop": enqueue the task there and run a Worker on it');
      },
    },
  ],
};
export default checks;
