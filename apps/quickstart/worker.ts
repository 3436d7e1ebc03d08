/**
 * `npm run worker`: a worker on the `quickstart` queue running every quickstart task, 4 at a time,
 * until Ctrl-C (once: finish running jobs, then stop; twice: stop at once).
 */
import { connect, createWorker } from "./setup.js";

try {
  const connection = await connect();
  try {
    await createWorker(connection).run();
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`worker: ${(error as Error).message}`);
  process.exitCode = 1;
}
