/** Every Lua script rqts registers, by versioned name. Bump the version when a script changes. */
import { cancelScript } from "./cancel.js";
import { claimScript } from "./claim.js";
import { deleteJobScript } from "./delete-job.js";
import { emptyQueueScript } from "./empty-queue.js";
import { enqueueScript } from "./enqueue.js";
import { finishScript } from "./finish.js";
import { finishAndClaimScript } from "./finish-and-claim.js";
import { heartbeatScript } from "./heartbeat.js";
import { recoverIntermediateScript } from "./recover-intermediate.js";
import { releaseScript } from "./release.js";
import { schedulerLockScript } from "./scheduler-lock.js";
import { enqueueDueScript } from "./enqueue-due.js";
import { requeueScript } from "./requeue.js";
import { saveMetaScript } from "./save-meta.js";
import { cronSaveScript } from "./cron-save.js";
import { cronFireScript } from "./cron-fire.js";
import { cronPauseScript } from "./cron-pause.js";
import { cronRemoveScript } from "./cron-remove.js";

export const scripts = [
  enqueueScript,
  claimScript,
  finishScript,
  finishAndClaimScript,
  heartbeatScript,
  recoverIntermediateScript,
  cancelScript,
  requeueScript,
  emptyQueueScript,
  deleteJobScript,
  saveMetaScript,
  releaseScript,
  schedulerLockScript,
  enqueueDueScript,
  cronSaveScript,
  cronFireScript,
  cronPauseScript,
  cronRemoveScript,
] as const;

export type ScriptName = (typeof scripts)[number]["name"];
