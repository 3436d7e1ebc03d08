/**
 * `npm run demo`: the worker and the producer in one process, against REDIS_URL (default
 * redis://127.0.0.1:6379). Exits 0 when every job ended as expected, 1 otherwise.
 * From the repository root, `npm run demo` also finds or starts a Redis and builds the library first.
 */
import { runDemo } from "./run-demo.js";
import { connect, printableUrl, redisUrl } from "./setup.js";

try {
  const connection = await connect();
  console.log(`Quickstart demo on ${printableUrl(redisUrl())}`);
  try {
    const report = await runDemo(connection, (line) => console.log(line));
    process.exitCode = report.ok ? 0 : 1;
  } finally {
    connection.disconnect();
  }
} catch (error) {
  console.error(`demo: ${(error as Error).message}`);
  process.exitCode = 1;
}
