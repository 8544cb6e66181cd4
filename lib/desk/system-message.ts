import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import { messages } from "@/lib/db/schema";

/** Desk events recorded in the transcript; the UI renders them from `payload` in its own language. */
export type SystemEvent =
  | { event: "claimed"; by: string }
  | { event: "auto_assigned"; to: string }
  | { event: "transferred"; by: string; toQueue?: string; toAgent?: string }
  | { event: "resolved"; by: string }
  | { event: "reopened"; by: string }
  /** Written by the runtime when a campaign's reply opens the conversation (lib/runtime/process.ts). */
  | { event: "campaign_reply"; campaign: string; campaignId: string };

function describe(e: SystemEvent): string {
  switch (e.event) {
    case "claimed":
      return `Claimed by ${e.by}`;
    case "auto_assigned":
      return `Assigned to ${e.to}`;
    case "transferred":
      return `Transferred by ${e.by} to ${[e.toQueue, e.toAgent].filter(Boolean).join(" / ")}`;
    case "resolved":
      return `Resolved by ${e.by}`;
    case "reopened":
      return `Reopened by ${e.by}`;
    case "campaign_reply":
      return `Reply to the campaign "${e.campaign}"`;
  }
}

export async function recordSystemMessage(tx: DbOrTx, conversationId: string, agentId: string | null, event: SystemEvent) {
  const [row] = await tx
    .insert(messages)
    .values({ conversationId, direction: "system", author: "system", agentId, type: "event", body: describe(event), payload: event })
    .returning({ id: messages.id });
  return row!.id;
}
