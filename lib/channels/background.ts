import "server-only";
import { subscribeEvents } from "@/lib/realtime/listener";
import { invalidateChannels } from "@/lib/runtime/channel-cache";
import { onServerReady } from "@/lib/server/startup";

// A channel edited on another instance: its NOTIFY drops this instance's cached channels
// (both threads), so the webhook and the sender use the new secrets and flow binding.
onServerReady(async () => {
  try {
    await subscribeEvents((event) => {
      if (event.type === "channels.changed") invalidateChannels();
    });
  } catch (error) {
    // Edits made here still apply at once; others' reach this instance when its cache ages out.
    console.error("[atendo] could not listen for channel edits of other instances", error);
  }
});
