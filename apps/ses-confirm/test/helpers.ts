/**
 * Test kit: per file, a throwaway redis-server, a local SES (aws-ses-v2-local behind its fault front),
 * a users database in a temp folder and a random token secret; and an in-process worker running the
 * app's tasks, as `worker.ts` does. `uniqueQueue` and `eventually` come from @rqts/testing.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { Worker } from "@rqts/queue";
import { startRedis, type RedisServer } from "@rqts/testing";
import { startLocalSes, type LocalSes, type StoredEmail } from "../lib/local-ses";
import { createSesClient } from "../lib/ses";
import { UserStore } from "../lib/users";
import { createSendConfirmationTasks } from "../tasks/index";

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";

/** The address the local SES refuses, as an unverified recipient in the SES sandbox. */
export const REJECTED_DOMAIN = /@rejected\.test$/;

export interface Kit {
  server: RedisServer;
  redis: Redis;
  ses: LocalSes;
  databasePath: string;
  secret: string;
  /** The web app's address that links in mails point to. */
  publicUrl: string;
}

/** Starts the file's Redis and local SES; `publicUrl` is where this file's web app will be. */
export function useKit(publicUrl = "http://127.0.0.1:3999"): Kit {
  const kit = { secret: randomBytes(32).toString("hex"), publicUrl } as Kit;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ses-confirm-test-"));
    kit.databasePath = join(dir, "users.sqlite");
    [kit.server, kit.ses] = await Promise.all([startRedis(), startLocalSes({ rejectRecipients: REJECTED_DOMAIN })]);
    kit.redis = kit.server.client();
  });
  afterAll(async () => {
    await Promise.all([kit.server?.stop(), kit.ses?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });
  return kit;
}

/** The web app's environment for this kit. */
export function appEnv(kit: Kit, queueName: string): Record<string, string> {
  return {
    REDIS_URL: kit.server.url,
    SES_CONFIRM_DB: kit.databasePath,
    SES_CONFIRM_SECRET: kit.secret,
    SES_CONFIRM_QUEUE: queueName,
    SES_CONFIRM_RETRY_DELAY: "1",
    SES_CONFIRM_PUBLIC_URL: kit.publicUrl,
    SES_CONFIRM_SES_ENDPOINT: kit.ses.url,
    SES_CONFIRM_FROM: "no-reply@ses-confirm.test",
  };
}

/** Runs the app's tasks on `queueName` in this process (with the scheduler, for retries) until `stop()`. */
export function startTestWorker(kit: Kit, queueName: string): { stop: () => Promise<void> } {
  const users = new UserStore(kit.databasePath);
  const ses = createSesClient({ region: "us-east-1", endpoint: kit.ses.url });
  const tasks = createSendConfirmationTasks({ users, ses, from: "no-reply@ses-confirm.test", publicUrl: kit.publicUrl, secret: kit.secret });
  const worker = new Worker(queueName, { connection: kit.redis, tasks: [tasks.sendConfirmation, tasks.recordSendFailure], withScheduler: true, handleSignals: false, logger: false });
  const done = worker.run();
  return {
    async stop() {
      worker.stop();
      await done;
      users.close();
      ses.destroy();
    },
  };
}

/** The mails sent to `address` so far. */
export async function mailsTo(ses: LocalSes, address: string): Promise<StoredEmail[]> {
  return (await ses.emails()).filter((mail) => mail.destination.to.includes(address));
}
