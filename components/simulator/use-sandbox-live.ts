"use client";

import { useEffect, useRef, useState } from "react";

export type LiveMode = "connecting" | "live" | "polling";

/** How often the simulator re-reads when the event stream is unavailable. */
export const POLL_MS = 700;

/**
 * Calls `onChange(phone)` whenever a chat of the sandbox channel changes: through the
 * Server-Sent Events stream (`/api/sandbox/events`, fed by PostgreSQL LISTEN/NOTIFY), or by
 * polling every 700 ms (`onChange(null)`: "re-read what you show") while the stream is down.
 */
export function useSandboxLive(phoneNumberId: string | null, onChange: (phone: string | null) => void): LiveMode {
  const [mode, setMode] = useState<LiveMode>("connecting");
  const callback = useRef(onChange);
  useEffect(() => {
    callback.current = onChange;
  }, [onChange]);

  useEffect(() => {
    if (!phoneNumberId) return;
    let poll: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setMode("polling");
      poll ??= setInterval(() => {
        if (document.visibilityState === "visible") callback.current(null);
      }, POLL_MS);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };

    const source = new EventSource(`/api/sandbox/events?phoneNumberId=${encodeURIComponent(phoneNumberId)}`);
    // A stream that does not open quickly is as good as none.
    const fallback = setTimeout(startPolling, 4_000);
    source.onopen = () => {
      clearTimeout(fallback);
      stopPolling();
      setMode("live");
      // Anything that happened while disconnected.
      callback.current(null);
    };
    source.onmessage = (event) => {
      try {
        const { to } = JSON.parse(event.data as string) as { to?: string };
        callback.current(to ?? null);
      } catch {
        callback.current(null);
      }
    };
    source.onerror = () => {
      // EventSource reconnects by itself; poll meanwhile so nothing is missed.
      startPolling();
    };
    return () => {
      clearTimeout(fallback);
      stopPolling();
      source.close();
    };
  }, [phoneNumberId]);

  return mode;
}
