import "server-only";
import { subscribeEvents } from "@/lib/realtime/listener";

const HEARTBEAT_MS = 20_000;

/**
 * Server-Sent Events for open simulators: `data: {"to": "<phone>"}` whenever a chat of this
 * sandbox channel changes (a message in either direction or a tick), from any app instance
 * (PostgreSQL LISTEN/NOTIFY). The browser re-reads the chat it shows.
 */
export async function sandboxEventStream(phoneNumberId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (chunk: string) => {
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = await subscribeEvents((event) => {
        if (event.type === "sandbox.message" && event.phoneNumberId === phoneNumberId) send(`data: ${JSON.stringify({ to: event.to })}\n\n`);
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
      // Tells the browser how long to wait before reconnecting, and that the stream is live.
      send("retry: 2000\n: connected\n\n");
    },
    cancel() {
      cleanup();
    },
  });
}
