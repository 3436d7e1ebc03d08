/**
 * `mars-rover.process-photo(photo)`: download one photo from NASA's image host, then measure it —
 * bytes, format and pixel size from its header, SHA-256 of its bytes — and return that (`PhotoInfo`).
 * A 429, a 5xx or a broken connection is retried with backoff; an address on a host that is not
 * allowed, or a file that is not an image, fails at once.
 */
import { createHash } from "node:crypto";
import { currentJob, defineTask } from "@rqts/queue";
import { InvalidInputError, PhotoDownloadError } from "../lib/errors";
import { readImageInfo } from "../lib/image-info";
import type { ImagePolicy } from "../lib/image-policy";
import { withRetryDecision } from "../lib/job-errors";
import type { MarsPhoto } from "../lib/nasa-client";
import { downloadPhoto } from "../lib/photo-download";
import type { PhotoInfo } from "../lib/summary";
import { TASK_NAMES } from "../lib/task-names";

export interface PhotoSettings {
  policy: ImagePolicy;
  timeoutMs: number;
  maxBytes: number;
}

// #region process-photo
/** The photo task. */
export function processPhotoTask({ policy, timeoutMs, maxBytes }: PhotoSettings) {
  return defineTask(TASK_NAMES.processPhoto, async (photo: MarsPhoto): Promise<PhotoInfo> => {
    const job = currentJob();
    return withRetryDecision(async () => {
      const { id, camera, imgSrc } = checkPhoto(photo);
      const { url, body } = await downloadPhoto(imgSrc, policy, { timeoutMs, maxBytes, signal: job.signal });
      const image = readImageInfo(body);
      if (!image) throw new PhotoDownloadError(url, "is not a JPEG, PNG or GIF image", false);
      const sha256 = createHash("sha256").update(body).digest("hex");
      return { id, camera, imgSrc, bytes: body.length, ...image, sha256 };
    });
  });
}
// #endregion process-photo

/** The fields the task needs, checked: the argument comes from Redis, written by any producer. */
function checkPhoto(photo: unknown): Pick<MarsPhoto, "id" | "camera" | "imgSrc"> {
  const { id, camera, imgSrc } = (photo ?? {}) as Partial<MarsPhoto>;
  if (!Number.isSafeInteger(id) || typeof camera !== "string" || typeof imgSrc !== "string") {
    throw new InvalidInputError("photo", `the argument must be a photo { id, camera, imgSrc, … }; got ${JSON.stringify(photo)?.slice(0, 120)}`);
  }
  return { id: id!, camera, imgSrc };
}
