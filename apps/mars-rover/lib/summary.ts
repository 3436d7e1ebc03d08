/**
 * A sol's summary, computed from what its photo jobs returned: how many photos were processed or
 * failed, bytes in all, photos per camera, the largest photo, and how many were byte-for-byte copies of
 * another (same SHA-256). Pure: the summary task reads the jobs, this file only adds up.
 */
import type { ImageFormat } from "./image-info";

/** What a photo job returns. */
export interface PhotoInfo {
  id: number;
  camera: string;
  /** The address the gallery shows the photo from. */
  imgSrc: string;
  bytes: number;
  width: number;
  height: number;
  format: ImageFormat;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
}

/** One photo job's outcome, as the summary task found it. */
export type PhotoOutcome = { jobId: string; ok: true; photo: PhotoInfo } | { jobId: string; ok: false; error: string };

/** Which sol of which rover (and camera) a run is about. */
export interface SolDay {
  rover: string;
  sol: number;
  /** `null`: every camera. */
  camera: string | null;
  earthDate: string | null;
}

export interface SolSummary extends SolDay {
  /** The fetch job whose fan-out this summarises. */
  runId: string;
  photoCount: number;
  processed: number;
  failed: number;
  totalBytes: number;
  /** Photos per camera, most first. */
  cameras: Array<{ camera: string; photos: number }>;
  /** The photo with the most pixels, or `null` without photos. */
  largest: { id: number; width: number; height: number } | null;
  /** Photos whose bytes equal an earlier photo's. */
  duplicates: number;
  /** The processed photos, by id. */
  photos: PhotoInfo[];
  /** The photo jobs that failed for good, with their error's last line. */
  failures: Array<{ jobId: string; error: string }>;
  /** ISO 8601. */
  summarizedAt: string;
}

/** Adds up the outcomes of a sol's photo jobs. */
export function summarize(runId: string, day: SolDay, outcomes: readonly PhotoOutcome[], now: Date = new Date()): SolSummary {
  const photos = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.photo] : [])).sort((a, b) => a.id - b.id);
  const failures = outcomes.flatMap((outcome) => (outcome.ok ? [] : [{ jobId: outcome.jobId, error: outcome.error }]));
  const perCamera = new Map<string, number>();
  for (const photo of photos) perCamera.set(photo.camera, (perCamera.get(photo.camera) ?? 0) + 1);
  const seen = new Set<string>();
  let duplicates = 0;
  for (const photo of photos) {
    if (seen.has(photo.sha256)) duplicates++;
    seen.add(photo.sha256);
  }
  const largest = photos.reduce<PhotoInfo | null>((best, photo) => (!best || photo.width * photo.height > best.width * best.height ? photo : best), null);
  return {
    runId,
    ...day,
    photoCount: outcomes.length,
    processed: photos.length,
    failed: failures.length,
    totalBytes: photos.reduce((sum, photo) => sum + photo.bytes, 0),
    cameras: [...perCamera].map(([camera, count]) => ({ camera, photos: count })).sort((a, b) => b.photos - a.photos || a.camera.localeCompare(b.camera)),
    largest: largest && { id: largest.id, width: largest.width, height: largest.height },
    duplicates,
    photos,
    failures,
    summarizedAt: now.toISOString(),
  };
}

/** One line about a summary, as the worker and the CLI print it. */
export function summaryLine(summary: SolSummary): string {
  const day = `${summary.rover} sol ${summary.sol}${summary.camera ? ` ${summary.camera}` : ""}`;
  if (summary.photoCount === 0) return `${day} summary: no photos that sol`;
  const cameras = summary.cameras.map(({ camera, photos }) => `${camera} ${photos}`).join(", ");
  const failed = summary.failed ? `, ${summary.failed} failed` : "";
  return `${day} summary: ${summary.processed} of ${summary.photoCount} photos processed${failed}, ${summary.totalBytes} bytes (${cameras})`;
}
