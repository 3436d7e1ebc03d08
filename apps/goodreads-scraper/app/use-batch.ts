"use client";
/**
 * Follows one batch: asks GET /api/batches/{id} every 750 ms until the batch is finished (its export
 * is ready), then stops. A batch touches several queues (one per site, and the exports), so one small
 * poll of the batch is simpler here than following every queue's live events.
 */
import { useEffect, useState } from "react";
import type { BatchView } from "../lib/batch-view";

const POLL_MS = 750;

export interface FollowedBatch {
  batch: BatchView | null;
  /** Why the batch cannot be shown (unknown id, server down), or null. */
  problem: string | null;
}

export function useBatch(batchId: string | null): FollowedBatch {
  const [state, setState] = useState<FollowedBatch>({ batch: null, problem: null });

  useEffect(() => {
    if (!batchId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ batch: null, problem: null });
    const poll = async () => {
      try {
        const response = await fetch(`/api/batches/${batchId}`, { cache: "no-store" });
        const answer = (await response.json()) as { data?: BatchView; message?: string };
        if (stopped) return;
        if (!answer.data) {
          setState({ batch: null, problem: answer.message ?? `HTTP ${response.status}` });
          return; // an unknown batch will not appear by waiting
        }
        setState({ batch: answer.data, problem: null });
        if (answer.data.finished) return;
      } catch (error) {
        if (stopped) return;
        setState((previous) => ({ ...previous, problem: `Cannot reach the server (${(error as Error).message}); trying again` }));
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [batchId]);

  return state;
}
