/**
 * What a fetch job does once NASA has answered: pick a random photo (the original tutorial's whole
 * job), fan out the photo and summary jobs, and describe the run in its result.
 */
import type { Queue, RetryOptions } from "@rqts/queue";
import { fanOut, MAX_PHOTOS_PER_FAN_OUT } from "./fan-out";
import type { MarsPhoto, PhotoList } from "./nasa-client";

/** What a fetch job returns. */
export interface FetchResult {
  rover: string;
  /** `null` when the rover's latest photos were asked for and there were none. */
  sol: number | null;
  camera: string | null;
  earthDate: string | null;
  /** Photos NASA listed. */
  photoCount: number;
  /** One photo's address, picked at random — what the original `get_mars_photo(sol)` printed. */
  randomPhoto: string | null;
  photoJobIds: string[];
  /** `null` when there is no sol to summarise. */
  summaryJobId: string | null;
  /** Photos beyond `MAX_PHOTOS_PER_FAN_OUT`, not processed. */
  skipped: number;
  /** Calls the API key has left (`X-RateLimit-Remaining`), when the server says. */
  rateLimitRemaining: number | null;
}

export interface RunContext {
  photosQueue: Queue;
  runId: string;
  retry: RetryOptions | undefined;
}

/** Fans out the photos of one sol of `rover` and returns the fetch job's result. */
export async function runFetch(context: RunContext, rover: string, sol: number, camera: string | null, list: PhotoList): Promise<FetchResult> {
  const photos = list.photos.slice(0, MAX_PHOTOS_PER_FAN_OUT);
  const day = { rover, sol, camera, earthDate: photos[0]?.earthDate ?? null };
  const { photoJobIds, summaryJobId } = await fanOut(context.photosQueue, context.runId, day, photos, context.retry);
  return {
    ...day,
    photoCount: list.photos.length,
    randomPhoto: randomPhoto(list.photos),
    photoJobIds,
    summaryJobId,
    skipped: list.photos.length - photos.length,
    rateLimitRemaining: list.rateLimitRemaining,
  };
}

/** A run with nothing to fan out: the rover's latest photos were asked for, and the API listed none. */
export function emptyLatestResult(rover: string, camera: string | null, list: PhotoList): FetchResult {
  return { rover, sol: null, camera, earthDate: null, photoCount: 0, randomPhoto: null, photoJobIds: [], summaryJobId: null, skipped: 0, rateLimitRemaining: list.rateLimitRemaining };
}

function randomPhoto(photos: readonly MarsPhoto[]): string | null {
  return photos[Math.floor(Math.random() * photos.length)]?.imgSrc ?? null;
}
