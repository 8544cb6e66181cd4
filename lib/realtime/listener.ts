import "server-only";
import type { DatabaseConnection } from "@/lib/db/connect";
import { getConnection } from "@/lib/db";
import { EVENTS_CHANNEL, type RealtimeEvent } from "./events";

export type EventHandler = (event: RealtimeEvent) => void;

function isEvent(value: unknown): value is RealtimeEvent {
  return !!value && typeof value === "object" && typeof (value as { type?: unknown }).type === "string";
}

/** A payload is one event (`publishEvent`) or a JSON array of events (the runtime's `publishCommitted`). */
export function parseEvents(payload: string): RealtimeEvent[] {
  try {
    const value = JSON.parse(payload) as unknown;
    if (Array.isArray(value)) return value.filter(isEvent);
    if (isEvent(value)) return [value];
  } catch {
    // Somebody else's NOTIFY on our channel: ignore rather than crash the listener.
  }
  return [];
}

/**
 * LISTENs on the events channel of one connection. postgres.js opens a dedicated connection
 * for it (and re-listens after a reconnect); PGlite delivers its own notifications in-process.
 */
export async function listenOn(connection: DatabaseConnection, onEvent: EventHandler): Promise<() => Promise<void>> {
  const deliver = (payload: string) => {
    for (const event of parseEvents(payload)) onEvent(event);
  };
  if (connection.driver === "postgres") {
    const request = await connection.sql.listen(EVENTS_CHANNEL, deliver);
    return () => request.unlisten();
  }
  const unlisten = await connection.pglite.listen(EVENTS_CHANNEL, deliver);
  return () => unlisten();
}

type Hub = { subscribers: Set<EventHandler>; started: Promise<void> | null };

// On globalThis: Next bundles route handlers and the instrumentation hook separately, and
// they must share the one listener of this process.
const state = globalThis as unknown as { __atendoEventHub?: Hub };
function hub(): Hub {
  state.__atendoEventHub ??= { subscribers: new Set(), started: null };
  return state.__atendoEventHub;
}

function ensureListening(): Promise<void> {
  const h = hub();
  h.started ??= (async () => {
    const connection = await getConnection();
    await listenOn(connection, (event) => {
      for (const subscriber of h.subscribers) {
        try {
          subscriber(event);
        } catch (error) {
          console.error("[atendo] realtime subscriber failed", error);
        }
      }
    });
  })().catch((error) => {
    h.started = null;
    throw error;
  });
  return h.started;
}

/**
 * Subscribes to every event of every app instance, through this process's one shared
 * LISTEN connection. Returns the unsubscribe function.
 */
export async function subscribeEvents(handler: EventHandler): Promise<() => void> {
  const h = hub();
  h.subscribers.add(handler);
  try {
    await ensureListening();
  } catch (error) {
    h.subscribers.delete(handler);
    throw error;
  }
  return () => {
    h.subscribers.delete(handler);
  };
}
