// tutorials/workshop/3-fan-out/tasks.ts — exercise 3: fan out one job per text, then one job that adds them up.
// Check your work: npm run workshop -w @rqts/tutorials -- 3
import { Job, Queue, defineTask } from "@rqts/queue";
import { countWords, redis } from "./given.js";

// countWords (the part job) comes from given.ts; the checker runs it, so it is exported from here too.
export { countWords };

// TODO 1: return the sum of the results of the jobs whose ids are given (Job.fetch(redis(), id), then
// returnValue()). It runs only once they have all finished: that is TODO 2's part.
export const addCounts = defineTask("workshop.add-counts", async (partIds: string[]): Promise<number> => {
  void [Job, redis]; // remove this line once TODO 1 uses them
  throw new Error(`TODO 1: addCounts of ${partIds.length} parts is not written yet`);
});

// TODO 2: enqueue one countWords job per text on `queue`, then one addCounts job, given their ids, that
// depends on all of them (dependsOn); return the addCounts job. Do not wait for anything here.
export async function countAll(queue: Queue, texts: string[]): Promise<Job<number>> {
  throw new Error(`TODO 2: countAll on ${queue.name} of ${texts.length} texts is not written yet`);
}
