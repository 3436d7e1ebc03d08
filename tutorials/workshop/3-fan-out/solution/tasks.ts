// tutorials/workshop/3-fan-out/solution/tasks.ts — exercise 3, solved.
import { Job, Queue, defineTask } from "@rqts/queue";
import { countWords, redis } from "../given.js";

// countWords (the part job) comes from given.ts; the checker runs it, so it is exported from here too.
export { countWords };

export const addCounts = defineTask("workshop.add-counts", async (partIds: string[]): Promise<number> => {
  const counts = await Promise.all(partIds.map(async (id) => (await Job.fetch<number>(redis(), id)).returnValue()));
  return counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
});

export async function countAll(queue: Queue, texts: string[]): Promise<Job<number>> {
  const parts = await queue.enqueueMany(texts.map((text) => ({ task: countWords, args: [text] })));
  // Deferred until every part has finished: the worker never sees it before then.
  return queue.enqueue(addCounts, [parts.map((part) => part.id)], { dependsOn: parts });
}
