"use client";
/**
 * Live updates by light polling, as rq-dashboard does: every `intervalMs` the page's server data is
 * read again (`router.refresh()`, which keeps what is typed and open on the page). A toggle pauses
 * it; the choice is remembered in this browser. Polling also pauses while the tab is hidden.
 */
import { useEffect, useState, useTransition } from "react";
import { useRouter } from "next/navigation";

const PAUSED_KEY = "rqts-dashboard:live-paused";

export function LiveRefresh({ intervalMs }: { intervalMs: number }) {
  const router = useRouter();
  const [paused, setPaused] = useState(false);
  const [, startTransition] = useTransition();

  useEffect(() => setPaused(window.localStorage.getItem(PAUSED_KEY) === "1"), []);

  useEffect(() => {
    if (paused) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, intervalMs);
    return () => window.clearInterval(timer);
  }, [paused, intervalMs, router]);

  function toggle() {
    const next = !paused;
    window.localStorage.setItem(PAUSED_KEY, next ? "1" : "0");
    setPaused(next);
  }

  return (
    <button type="button" className={paused ? "live paused" : "live on"} aria-pressed={!paused} onClick={toggle} title={`Refreshes every ${intervalMs / 1000} s`}>
      {paused ? "Live updates paused — resume" : "Live — pause"}
    </button>
  );
}
