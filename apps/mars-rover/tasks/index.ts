/**
 * The worker's tasks, built from the app's settings: the two fetch tasks (API queue), the photo and
 * summary tasks (photos queue). Only the worker loads this; the CLI and the web app enqueue by name.
 */
import type { Redis } from "ioredis";
import type { Task } from "@rqts/queue";
import type { MarsRoverConfig } from "../lib/config";
import { imagePolicy } from "../lib/image-policy";
import { NasaClient } from "../lib/nasa-client";
import { appQueues, retryPolicy } from "../lib/queues";
import { fetchLatestTask } from "./fetch-latest";
import { fetchSolTask } from "./fetch-sol";
import { processPhotoTask } from "./process-photo";
import { summarizeSolTask } from "./summarize-sol";

export interface TaskSettings {
  /** Where the fetch tasks enqueue their fan-out, and the summary task reads results. */
  connection: Redis;
  config: MarsRoverConfig;
}

/** The tasks of both queues. */
export function createTasks({ connection, config }: TaskSettings): Task[] {
  const client = new NasaClient({ baseUrl: config.nasaUrl, apiKey: config.nasaKey, timeoutMs: config.httpTimeoutMs });
  const fetchSettings = { client, photosQueue: appQueues(connection, config).photos, retry: retryPolicy(config) };
  return [
    fetchSolTask(fetchSettings),
    fetchLatestTask(fetchSettings),
    processPhotoTask({ policy: imagePolicy(config), timeoutMs: config.httpTimeoutMs, maxBytes: config.maxImageBytes }),
    summarizeSolTask(connection),
  ] as Task[];
}
