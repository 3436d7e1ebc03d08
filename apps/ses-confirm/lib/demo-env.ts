/**
 * The environment the demo and the browser test give the worker and the web app: demo mode, with
 * mail going to the local SES. A fresh random token secret unless SES_CONFIRM_SECRET is set.
 */
import { randomBytes } from "node:crypto";

/** The worker's and the web app's environment for a local SES at `sesUrl` and the web app at `publicUrl`. */
export function demoEnv(options: { redisUrl: string; sesUrl: string; publicUrl: string; databasePath: string; queueName?: string }): Record<string, string> {
  return {
    REDIS_URL: options.redisUrl,
    SES_CONFIRM_DB: options.databasePath,
    SES_CONFIRM_SECRET: process.env.SES_CONFIRM_SECRET ?? randomBytes(32).toString("hex"),
    SES_CONFIRM_QUEUE: options.queueName ?? "ses-confirm",
    SES_CONFIRM_RETRY_DELAY: "1",
    SES_CONFIRM_PUBLIC_URL: options.publicUrl,
    SES_CONFIRM_SES_ENDPOINT: options.sesUrl,
    SES_CONFIRM_FROM: "no-reply@ses-confirm.test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/** Recipients the demo's local SES refuses, as SES's sandbox refuses unverified addresses. */
export const DEMO_REJECTED_RECIPIENTS = /@rejected\.test$/i;

/** The worker's "I am listening" line. */
export const WORKER_READY = /Worker \S+ started on/;
