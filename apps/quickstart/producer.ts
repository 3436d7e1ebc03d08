/**
 * `npm run producer`: enqueues the quickstart's jobs on the `quickstart` queue and prints their results
 * as a worker (`npm run worker`, in another terminal) runs them. Exits 1 if a job did not end as expected.
 */
import { Queue } from "@rqts/queue";
import { produceJobs } from "./produce.js";
import { QUEUE_NAME, connect, printableUrl, redisUrl } from "./setup.js";

try {
  const connection = await connect();
  try {
    console.log(`Producer on ${printableUrl(redisUrl())}; registry counts include earlier runs on "${QUEUE_NAME}"`);
    const report = await produceJobs(new Queue(QUEUE_NAME, { connection }), (line) => console.log(line));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`producer: ${(error as Error).message}`);
  process.exitCode = 1;
}
