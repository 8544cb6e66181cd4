import "server-only";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/guard";
import { touchLastSeen } from "@/lib/desk/presence";
import type { RealtimeEvent } from "./events";
import { subscribeEvents } from "./listener";
import { loadAudience, mayReceive, type Audience } from "./visibility";
import { env } from "@/lib/config/env";

const HEARTBEAT_MS = env.SSE_HEARTBEAT_MS;
// Memberships change rarely; a periodic refresh keeps a long-lived stream honest.
const AUDIENCE_REFRESH_MS = 60_000;

export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
} as const;

/**
 * A Server-Sent Events stream of the events this user may see. Heartbeats keep proxies from
 * closing it and, for desk users, record that they are still there (presence).
 */
export async function openEventStream(actor: Actor, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let audience: Audience = await loadAudience(actor.userId, actor.role);
  let cleanup: (() => void) | null = null;

  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      const send = (chunk: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(chunk));
        } catch {
          stop();
        }
      };
      const deskUser = actor.via === "session" && actor.userId && actor.role !== "editor";
      const touch = () => {
        if (deskUser) void getDb().then((db) => touchLastSeen(db, actor.userId!)).catch(() => {});
      };
      const unsubscribe = await subscribeEvents((event: RealtimeEvent) => {
        if (event.type === "queue.updated" && actor.role === "agent") {
          void loadAudience(actor.userId, actor.role).then((a) => (audience = a));
        }
        void mayReceive(audience, event).then((ok) => ok && send(`data: ${JSON.stringify(event)}\n\n`));
      });
      const heartbeat = setInterval(() => {
        send(`: ping\n\n`);
        touch();
      }, HEARTBEAT_MS);
      const refresh = setInterval(() => {
        void loadAudience(actor.userId, actor.role).then((a) => (audience = a)).catch(() => {});
      }, AUDIENCE_REFRESH_MS);
      const stop = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearInterval(refresh);
        unsubscribe();
        signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      cleanup = stop;
      signal.addEventListener("abort", stop);
      send(`retry: 3000\n: connected\n\n`);
      send(`data: ${JSON.stringify({ type: "ready" })}\n\n`);
      touch();
    },
    cancel() {
      cleanup?.();
    },
  });
}
