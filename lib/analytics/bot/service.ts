import "server-only";
import type { DbOrTx } from "@/lib/db/types";
import type { FlowDocument } from "@/lib/flow/schema";
import { type CsvColumn, toCsv } from "../csv-table";
import { dayRange } from "../range";
import { type BotFigures, botFigures, type BotHandoffNode, type BotVersionFigures, type BotDay } from "./figures";
import { conversationsLeftAt, type LeftHere } from "./node-conversations";
import { type FlowOverlay, flowOverlay, type NodeFigures } from "./overlay";
import type { BotQuery, NodeQuery, OverlayQuery } from "./params";
import { analyticsTimeZone, findChannel, findFlow, findVersion } from "./scope";

/** GET /api/analytics/bot: 404 for an unknown flow or channel, 400 for a bad range. */
export async function botAnalytics(db: DbOrTx, query: BotQuery, now = new Date()): Promise<BotFigures> {
  const range = dayRange(query, await analyticsTimeZone(db), now);
  const flow = query.flowId ? await findFlow(db, query.flowId) : null;
  const channel = query.channelId ? await findChannel(db, query.channelId) : null;
  return botFigures(db, { flow, channel, range });
}

/** GET /api/analytics/flows/[id]/overlay: 404 for an unknown flow or version. */
export async function overlayAnalytics(db: DbOrTx, flowId: string, query: OverlayQuery, now = new Date()): Promise<{ overlay: FlowOverlay; document: FlowDocument }> {
  const flow = await findFlow(db, flowId);
  const range = dayRange(query, await analyticsTimeZone(db), now);
  const version = await findVersion(db, flow, query.version);
  return { overlay: await flowOverlay(db, flow, version, range), document: version.document };
}

export type NodeDetail = { nodeId: string; version: number; conversations: LeftHere[] };

/** GET /api/analytics/flows/[id]/overlay/nodes/[nodeId]: the recent conversations that left the bot there. */
export async function nodeAnalytics(db: DbOrTx, flowId: string, nodeId: string, query: NodeQuery, now = new Date()): Promise<NodeDetail> {
  const flow = await findFlow(db, flowId);
  const range = dayRange(query, await analyticsTimeZone(db), now);
  const version = await findVersion(db, flow, query.version);
  return { nodeId, version: version.number, conversations: await conversationsLeftAt(db, version.id, nodeId, range) };
}

const rate = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

const VERSION_COLUMNS: CsvColumn<BotVersionFigures>[] = [
  { header: "flow", value: (r) => r.flowName },
  { header: "version", value: (r) => r.number },
  { header: "active", value: (r) => (r.active ? "yes" : "no") },
  { header: "started", value: (r) => r.started },
  { header: "contained", value: (r) => r.contained },
  { header: "handed_off", value: (r) => r.handedOff },
  { header: "abandoned", value: (r) => r.abandoned },
  { header: "in_bot", value: (r) => r.inBot },
  { header: "containment_rate", value: (r) => rate(r.containmentRate) },
  { header: "median_seconds_to_containment", value: (r) => r.medianSecondsToContainment },
];

const DAY_COLUMNS: CsvColumn<BotDay>[] = [
  { header: "day", value: (r) => r.day },
  { header: "started", value: (r) => r.started },
  { header: "contained", value: (r) => r.contained },
  { header: "handed_off", value: (r) => r.handedOff },
  { header: "abandoned", value: (r) => r.abandoned },
];

const HANDOFF_COLUMNS: CsvColumn<BotHandoffNode>[] = [
  { header: "version", value: (r) => r.version },
  { header: "node_id", value: (r) => r.nodeId },
  { header: "node_type", value: (r) => r.type },
  { header: "node_label", value: (r) => r.label },
  { header: "handoffs", value: (r) => r.handoffs },
];

export const BOT_CSV_TABLES = ["versions", "days", "handoffs"] as const;
export type BotCsvTable = (typeof BOT_CSV_TABLES)[number];

export function botCsv(figures: BotFigures, table: BotCsvTable): string {
  if (table === "days") return toCsv(figures.days, DAY_COLUMNS);
  if (table === "handoffs") return toCsv(figures.handoffNodes, HANDOFF_COLUMNS);
  return toCsv(figures.versions, VERSION_COLUMNS);
}

type NodeRow = NodeFigures & { nodeId: string; type: string; label: string | null };

const NODE_COLUMNS: CsvColumn<NodeRow>[] = [
  { header: "node_id", value: (r) => r.nodeId },
  { header: "node_type", value: (r) => r.type },
  { header: "node_label", value: (r) => r.label },
  { header: "visits", value: (r) => r.visits },
  { header: "conversations", value: (r) => r.conversations },
  { header: "share", value: (r) => rate(r.share) },
  { header: "abandoned", value: (r) => r.abandoned },
  { header: "handoffs", value: (r) => r.handoffs },
  { header: "contained", value: (r) => r.contained },
  { header: "answers", value: (r) => r.answers },
  { header: "invalid", value: (r) => r.invalid },
  { header: "invalid_rate", value: (r) => rate(r.invalidRate) },
];

/** The overlay as a table: every node of the version, reached or not, in document order. */
export function overlayCsv(overlay: FlowOverlay, document: FlowDocument): string {
  const zero: NodeFigures = { visits: 0, conversations: 0, share: 0, abandoned: 0, handoffs: 0, contained: 0, answers: 0, invalid: 0, invalidRate: null };
  const rows: NodeRow[] = document.nodes.map((n) => {
    const data = (n.data ?? {}) as { label?: string; text?: string };
    return { nodeId: n.id, type: n.type, label: data.label?.trim() || data.text?.slice(0, 60) || null, ...(overlay.nodes[n.id] ?? zero) };
  });
  return toCsv(rows, NODE_COLUMNS);
}
