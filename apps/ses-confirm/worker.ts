/**
 * `npm run worker`: the ses-confirm worker. It runs `sendConfirmation` jobs from the queue (with the
 * scheduler, which brings retries back when their backoff is over), until Ctrl-C. Only this process
 * talks to SES, so only it needs AWS credentials (found by the AWS SDK's standard chain).
 */
import { Worker } from "@rqts/queue";
import { connectRedis } from "@rqts/app-kit";
import { readWorkerConfig } from "./lib/config";
import { createSesClient } from "./lib/ses";
import { UserStore } from "./lib/users";
import { createSendConfirmationTasks } from "./tasks/index";

try {
  const config = readWorkerConfig();
  const connection = await connectRedis(config.redisUrl); // rejects with a readable message when nothing answers
  const users = new UserStore(config.databasePath);
  const ses = createSesClient({ region: config.region, ...(config.sesEndpoint ? { endpoint: config.sesEndpoint } : {}) });
  try {
    const { sendConfirmation, recordSendFailure } = createSendConfirmationTasks({ users, ses, from: config.from, publicUrl: config.publicUrl, secret: config.secret });
    const worker = new Worker(config.queueName, { connection, tasks: [sendConfirmation, recordSendFailure], concurrency: 4, withScheduler: true });
    console.log(`ses-confirm worker: users in ${config.databasePath}, SES at ${config.sesEndpoint ?? `Amazon SES (${config.region})`}, links to ${config.publicUrl}`);
    worker.on("job:finished", (job, value) => console.log(`job ${job.id} (${job.fields.description}) finished: ${JSON.stringify(value)}`));
    worker.on("job:retrying", (job, error) => console.log(`job ${job.id} (${job.fields.description}) will retry: ${error.message}`));
    worker.on("job:failed", (job, error) => console.log(`job ${job.id} (${job.fields.description}) failed: ${error.message}`));
    await worker.run();
  } finally {
    users.close();
    ses.destroy();
    connection.disconnect();
  }
} catch (error) {
  console.error(`ses-confirm worker: ${(error as Error).message}`);
  process.exitCode = 1;
}
