/** The canvas overlay's shapes (browser-safe: the editor reads them). */

/** One node's figures on the canvas (docs/analytics.md, "## Canvas overlay"). */
export type NodeFigures = {
  /** Times the bot entered the node (a conversation that loops counts each time). */
  visits: number;
  /** Conversations that reached the node at least once. */
  conversations: number;
  /** conversations ÷ the version's conversations started in the range. */
  share: number;
  /** Conversations that timed out waiting here. */
  abandoned: number;
  /** Conversations the bot handed off here. */
  handoffs: number;
  /** Conversations the bot closed here. */
  contained: number;
  /** Answers taken here (a waiting node), and how many were invalid. */
  answers: number;
  invalid: number;
  /** invalid ÷ answers; null where nothing was answered. */
  invalidRate: number | null;
};

export type FlowOverlay = {
  flow: { id: string; name: string };
  version: { id: string; number: number; active: boolean };
  range: { from: string; to: string; timeZone: string };
  /** The version's conversations opened in the range. */
  started: number;
  /** By node id; nodes nobody reached are absent (all zero). */
  nodes: Record<string, NodeFigures>;
  /** By edge id: how often conversations went along it. Edges that share both ends share the figure. */
  edges: Record<string, number>;
  maxEdgeTraffic: number;
};

export type LeftHere = { protocol: string; outcome: "contained" | "handoff" | "abandoned"; openedAt: string; at: string };

export type NodeDetail = { nodeId: string; version: number; conversations: LeftHere[]; canReadTranscripts: boolean };
