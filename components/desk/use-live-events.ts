"use client";

import { useEffect, useRef, useState } from "react";

export type LiveEvent = { type: string; conversationId?: string; queueId?: string | null; assigneeId?: string; messageId?: string; mediaId?: string; direction?: string; status?: string; userId?: string; notify?: string[] };

/**
 * Subscribes to the server's event stream (one EventSource per page). `ready` arrives on every
 * (re)connection, so the caller can refetch whatever it may have missed while disconnected.
 */
export function useLiveEvents(onEvent: (event: LiveEvent) => void): { connected: boolean } {
  const handler = useRef(onEvent);
  handler.current = onEvent;
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    const source = new EventSource("/api/events");
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.onmessage = (message) => {
      try {
        handler.current(JSON.parse(message.data) as LiveEvent);
      } catch {
        // a malformed frame is not worth breaking the desk for
      }
    };
    return () => source.close();
  }, []);
  return { connected };
}
