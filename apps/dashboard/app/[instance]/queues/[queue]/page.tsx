import { redirect } from "next/navigation";

/** A queue's own address shows its waiting list. */
export default async function QueuePage({ params }: { params: Promise<{ instance: string; queue: string }> }): Promise<never> {
  const { instance, queue } = await params;
  redirect(`/${encodeURIComponent(instance)}/queues/${encodeURIComponent(decodeURIComponent(queue))}/queued`);
}
