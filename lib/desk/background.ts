import "server-only";
import { onServerReady } from "@/lib/server/startup";
import { startAssigner } from "./assigner";

onServerReady(async () => {
  try {
    await startAssigner();
  } catch (error) {
    // The desk still works with manual claims; the poll restarts nothing, so say it loudly.
    console.error("[atendo] the automatic assigner could not start", error);
  }
});
