import "server-only";
import { env, internalUrl } from "@/lib/config/env";

/**
 * Where a channel's Graph API calls go. Sandbox channels talk to the app's own built-in fake
 * Graph endpoint (`/api/sandbox/graph`), so the demo runs the production send path end to end.
 */
export function graphBaseUrl(channel: { sandbox: boolean }): string {
  if (channel.sandbox) {
    return `${internalUrl()}/api/sandbox/graph`;
  }
  return env.WHATSAPP_GRAPH_URL.replace(/\/$/, "");
}
