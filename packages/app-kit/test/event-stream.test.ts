import { afterEach, describe, expect, it, vi } from "vitest";
import { eventStream, formatEvent, type Send } from "../src/event-stream.js";

afterEach(() => vi.useRealTimers());

/** Reads what the stream has sent so far, until `until` matches (or the stream ends). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: RegExp): Promise<{ text: string; done: boolean }> {
  const decoder = new TextDecoder();
  let text = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { text, done: true };
    text += decoder.decode(value, { stream: true });
    if (until.test(text)) return { text, done: false };
  }
}

describe("formatEvent", () => {
  it("writes one named event with its data as one line of JSON", () => {
    expect(formatEvent("task", { id: "1", text: "two\nlines" })).toBe('event: task\ndata: {"id":"1","text":"two\\nlines"}\n\n');
  });
});

describe("eventStream", () => {
  it("answers with an event stream that nothing in between buffers or caches", () => {
    const response = eventStream(new Request("http://localhost/events"), async () => () => {});
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    void response.body?.cancel();
  });

  it("streams the events start sends, in order", async () => {
    const aborter = new AbortController();
    const response = eventStream(new Request("http://localhost/events", { signal: aborter.signal }), async (send) => {
      send("snapshot", [1, 2]);
      send("task", { id: "a" });
      return () => {};
    });
    const reader = response.body!.getReader();
    const { text } = await readUntil(reader, /event: task/);
    expect(text).toBe('event: snapshot\ndata: [1,2]\n\nevent: task\ndata: {"id":"a"}\n\n');
    aborter.abort();
  });

  it("sends a keep-alive comment every 15 s, and on abort clears it, calls stop once and ends", async () => {
    vi.useFakeTimers();
    const aborter = new AbortController();
    const stop = vi.fn();
    let send: Send = () => {};
    const response = eventStream(new Request("http://localhost/events", { signal: aborter.signal }), async (sender) => {
      send = sender;
      return stop;
    });
    const reader = response.body!.getReader();
    await vi.advanceTimersByTimeAsync(15_000);
    expect((await readUntil(reader, /keep-alive/)).text).toBe(": keep-alive\n\n");
    expect(vi.getTimerCount()).toBe(1);

    aborter.abort();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0); // the keep-alive is cleared
    expect((await reader.read()).done).toBe(true);
    send("late", {}); // after the end: dropped, not thrown
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("calls stop when the client cancels the body", async () => {
    const stop = vi.fn();
    const response = eventStream(new Request("http://localhost/events"), async () => stop);
    await new Promise((resolve) => setTimeout(resolve, 0)); // let start resolve
    await response.body!.cancel();
    expect(stop).toHaveBeenCalledTimes(1);
  });

  it("stops at once a subscription that completes after the client has gone", async () => {
    const aborter = new AbortController();
    const stop = vi.fn();
    let subscribed!: () => void;
    const response = eventStream(new Request("http://localhost/events", { signal: aborter.signal }), async () => {
      await new Promise<void>((resolve) => (subscribed = resolve));
      return stop;
    });
    const reader = response.body!.getReader();
    await new Promise((resolve) => setTimeout(resolve, 0));
    aborter.abort();
    expect(stop).not.toHaveBeenCalled();
    subscribed();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stop).toHaveBeenCalledTimes(1);
    expect((await reader.read()).done).toBe(true);
  });

  it("sends a problem event with the message and ends when start fails", async () => {
    const response = eventStream(new Request("http://localhost/events"), async () => {
      throw new Error("Redis is unreachable");
    });
    const { text, done } = await readUntil(response.body!.getReader(), /$^/);
    expect(done).toBe(true);
    expect(text).toBe('event: problem\ndata: {"message":"Redis is unreachable"}\n\n');
  });
});
