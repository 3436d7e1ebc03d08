/**
 * `npm run local-ses`: a local SES on 127.0.0.1 (SES_CONFIRM_SES_PORT, else a free port) — the
 * aws-ses-v2-local emulator with its inbox page, refusing addresses at rejected.test as SES's sandbox
 * refuses unverified ones. Give its address to the worker as SES_CONFIRM_SES_ENDPOINT.
 */
import { DEMO_REJECTED_RECIPIENTS } from "./lib/demo-env";
import { startLocalSes } from "./lib/local-ses";

const port = process.env.SES_CONFIRM_SES_PORT ? Number(process.env.SES_CONFIRM_SES_PORT) : undefined;
const ses = await startLocalSes({ rejectRecipients: DEMO_REJECTED_RECIPIENTS, ...(port ? { port } : {}) });
console.log(`Local SES at ${ses.url}`);
console.log(`  inbox: ${ses.url}/   sent mail as JSON: ${ses.url}/store`);
console.log(`  export SES_CONFIRM_SES_ENDPOINT=${ses.url}`);
// npm and tsx relay a Ctrl-C the terminal sent the whole group too: close once, ignore the repeats.
let closing = false;
const stop = () => {
  if (!closing) void ses.close().then(() => process.exit(0));
  closing = true;
};
process.on("SIGINT", stop).on("SIGTERM", stop);
