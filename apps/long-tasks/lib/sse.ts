/**
 * Server-sent events: a `Response` that streams named JSON events until the client goes away, with a
 * comment line every 15 s so idle connections (and proxies) do not time out. JSON never holds a raw
 * line break, so each event's data fits the single `data:` line the format needs.
 */

/** Sends one event named `event` carrying `data` as JSON. */
export type SendEvent = (event: string, data: unknown) => void;

const KEEP_ALIVE_MS = 15_000;

/** The text of one event. */
export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Streams events: `open` starts sending and resolves to the function that stops it, called once the
 * client disconnects. If `open` fails, a `problem` event carries its message and the stream ends.
 */
export function eventStreamResponse(request: Request, open: (send: SendEvent) => Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let closed = false;
  let cleanup = () => {};
  let keepAlive: ReturnType<typeof setInterval> | undefined;

  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close(); // the client has gone
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(keepAlive);
        cleanup();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      request.signal.addEventListener("abort", close);
      keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      try {
        const stop = await open((event, data) => write(sseEvent(event, data)));
        if (closed) stop();
        else cleanup = stop;
      } catch (error) {
        write(sseEvent("problem", { message: (error as Error).message }));
        close();
      }
    },
    cancel() {
      closed = true;
      clearInterval(keepAlive);
      cleanup();
    },
  });
  return new Response(stream, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
