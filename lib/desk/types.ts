import type { MediaView } from "@/lib/media/types";

/** What the desk API returns: plain JSON shapes shared by route handlers and the browser. */

export type ConversationStatus = "bot" | "queued" | "assigned" | "closed";
export type Presence = "online" | "away" | "offline";

export type ConversationSummary = {
  id: string;
  protocol: string;
  status: ConversationStatus;
  contact: { id: string; name: string | null; waId: string };
  queue: { id: string; name: string; slug: string } | null;
  assignee: { id: string; name: string } | null;
  openedAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  closedAt: string | null;
  lastActivityAt: string;
  unreadCount: number;
  /** 1-based place in its queue while waiting. */
  position: number | null;
  lastMessage: { body: string | null; direction: string; author: string; type: string; createdAt: string } | null;
};

export type TranscriptMessage = {
  id: string;
  /** The transcript's order: strictly increasing within a conversation (transcripts come sorted by it). */
  seq: number;
  direction: "inbound" | "outbound" | "note" | "system";
  author: string;
  agent: { id: string; name: string } | null;
  type: string;
  body: string | null;
  payload: unknown;
  deliveryStatus: "pending" | "sent" | "delivered" | "read" | "failed" | null;
  error: { code?: number | string; title?: string; message?: string; details?: string } | null;
  flowNodeId: string | null;
  createdAt: string;
  /** The file of an image, audio, video, document or sticker message (docs/media.md); null for others. */
  media: MediaView | null;
};

export type FlowStep = { id: string; type: string | null; label: string | null };

export type HistoryItem = { id: string; protocol: string; status: ConversationStatus; openedAt: string; closedAt: string | null; queueName: string | null };

export type ConversationDetail = ConversationSummary & {
  channel: { id: string; name: string; displayNumber: string };
  closedReason: string | null;
  firstResponseAt: string | null;
  messages: TranscriptMessage[];
  flow: { status: string | null; nodeId: string | null; path: FlowStep[]; variables: Record<string, string>; media: FlowMediaAnswer[] } | null;
  contactLastInboundAt: string | null;
  window: { open: boolean; expiresAt: string | null };
  history: HistoryItem[];
  linked: { id: string; protocol: string; status: ConversationStatus; openedAt: string; closedAt: string | null; messages: TranscriptMessage[] } | null;
  /** What the caller may do. */
  can: { claim: boolean; reply: boolean; note: boolean; transfer: boolean; resolve: boolean; reopen: boolean };
};

/**
 * A file the flow captured (a question asking for a file): its variable name, kind, what
 * `{{name}}` renders, and the media row's view when the user may read it (null otherwise).
 */
export type FlowMediaAnswer = { name: string; kind: string; display: string; view: MediaView | null };
