"use client";
/** Unsubscribes one number (POST /unsubscribe), then reloads the server-rendered lists. */
import { useRouter } from "next/navigation";

export function UnsubscribeButton({ phone }: { phone: string }) {
  const router = useRouter();
  async function unsubscribe() {
    await fetch("/unsubscribe", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ phone }) });
    router.refresh();
  }
  return <button type="button" onClick={unsubscribe} aria-label={`Unsubscribe ${phone}`}>Unsubscribe</button>;
}
