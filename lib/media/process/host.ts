import "server-only";
import { type ChildProcess, fork } from "node:child_process";
import { childEnv } from "@/lib/config/env";
import { channelsGeneration, waitFor } from "@/lib/runtime/signals";
import type { FromMediaProcess, ToMediaProcess } from "./messages";

/**
 * The media fetcher runs in a process of its own at a lower CPU priority (MEDIA_FETCH_NICE).
 *
 * Why a process: a photo costs tens of milliseconds of CPU (hashing, reading its type, and
 * above all decoding it for the thumbnail, in sharp's native threads). In the server's
 * process that work competes as an equal with the webhook and the runtime's batches for the
 * cores they share with PostgreSQL, and a burst of photos shows in the replies' latency. A
 * process can be niced as a whole — a worker thread could not, since libuv's pool and sharp's
 * threads are shared by the whole process. The process has its own small connection pool.
 *
 * The server forwards wake-ups (a batch recorded media rows, an agent asked for a retry) and
 * channel edits over the IPC channel; the process polls every second anyway. If it dies it is
 * started again; if the server dies, it exits (its leases are taken back by the next run).
 */
export type MediaProcess = { stop: () => Promise<void> };

/** The bundle beside the server's (dist/media-process.js), or entry.ts when run from source. */
const ENTRY = import.meta.url.endsWith(".ts") ? new URL("./entry.ts", import.meta.url) : new URL("./media-process.js", import.meta.url);

const RESTART_MS = 1_000;
/** How often the forwarder looks at the channels' generation (edits bump it without a wake-up). */
const FORWARD_POLL_MS = 1_000;

export function startMediaProcess(): MediaProcess {
  let child: ChildProcess | null = null;
  let stopping: Promise<void> | null = null;

  const send = (message: ToMediaProcess) => {
    if (child?.connected) child.send(message, (error) => error && console.error("[atendo media] could not reach the media process:", error.message));
  };

  const start = () => {
    // glibc gives each thread that allocates an arena of its own; libvips' threads decoding
    // one photo after another would otherwise each keep freed memory of their own (fragmentation).
    const started = fork(ENTRY, [], { stdio: "inherit", serialization: "json", env: childEnv({ MALLOC_ARENA_MAX: "2" }) });
    child = started;
    started.on("error", (error) => console.error("[atendo media] media process error:", error.message));
    started.on("exit", (code, signal) => {
      if (stopping) return;
      // The fetcher must never stay down: whatever stopped it, start another.
      console.error(`[atendo media] media process exited (${signal ?? code}); restarting in ${RESTART_MS / 1000} s`);
      setTimeout(() => !stopping && start(), RESTART_MS).unref();
    });
  };

  // Forwards the shared-memory wake-ups of this process's threads to the media process.
  const forwarding = (async () => {
    let generation = channelsGeneration();
    while (!stopping) {
      await waitFor("media", FORWARD_POLL_MS);
      if (stopping) break;
      // Also after a quiet second: one small message, and the process looks for rows due again.
      send({ type: "wake" });
      const now = channelsGeneration();
      if (now !== generation) {
        generation = now;
        send({ type: "channels" });
      }
    }
  })();

  start();
  return {
    stop: () => {
      stopping ??= (async () => {
        const current = child;
        if (current && current.exitCode === null && current.signalCode === null) {
          await new Promise<void>((resolve) => {
            current.once("exit", () => resolve());
            current.on("message", (message: FromMediaProcess) => message?.type === "drained" && resolve());
            send({ type: "drain" });
          });
        }
        await forwarding;
      })();
      return stopping;
    },
  };
}
