import "server-only";

export const DEFAULT_GRAPH_URL = "https://graph.facebook.com/v23.0";

/**
 * Where a channel's Graph API calls go. Sandbox channels talk to the app's own built-in fake
 * Graph endpoint (`/api/sandbox/graph`), so the demo runs the production send path end to end.
 */
export function graphBaseUrl(channel: { sandbox: boolean }): string {
  if (channel.sandbox) {
    const own = process.env.ATENDO_INTERNAL_URL || `http://127.0.0.1:${process.env.PORT || 3000}`;
    return `${own.replace(/\/$/, "")}/api/sandbox/graph`;
  }
  return (process.env.WHATSAPP_GRAPH_URL || DEFAULT_GRAPH_URL).replace(/\/$/, "");
}
