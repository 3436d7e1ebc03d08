/**
 * Server-sent events: a `Response` streaming named JSON events until the client leaves, with a comment
 * line every 15 s so idle connections (and proxies) stay open. JSON never contains a raw line break, so
 * each event's data fits the one `data:` line the format needs.
 *
 * Imported by route handlers through the `@rqts/app-kit/event-stream` subpath, which pulls in no Redis client.
 */

/** Sends one event named `name` carrying `data` as JSON. */
export type Send = (name: string, data: unknown) => void;

const KEEP_ALIVE_MS = 15_000;

/** The text of one event. */
export function formatEvent(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Streams events: `start` begins sending and resolves to the function that ends it, which runs once the
 * client disconnects. If `start` fails, a `problem` event carries its message and the stream ends.
 */
export function eventStream(request: Request, start: (send: Send) => Promise<() => void>): Response {
  const encoder = new TextEncoder();
  let open = true;
  let stop = () => {};
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const end = () => {
    if (!open) return false;
    open = false;
    clearInterval(keepAlive);
    stop();
    return true;
  };

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close(); // the client has gone
        }
      };
      const close = () => {
        if (!end()) return;
        try {
          controller.close();
        } catch {
          // closed by the client already
        }
      };
      request.signal.addEventListener("abort", close);
      keepAlive = setInterval(() => write(": keep-alive\n\n"), KEEP_ALIVE_MS);
      try {
        const unsubscribe = await start((name, data) => write(formatEvent(name, data)));
        if (open) stop = unsubscribe;
        else unsubscribe();
      } catch (error) {
        write(formatEvent("problem", { message: (error as Error).message }));
        close();
      }
    },
    cancel() {
      end();
    },
  });
  return new Response(body, {
    headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "no-cache, no-transform", "X-Accel-Buffering": "no" },
  });
}
