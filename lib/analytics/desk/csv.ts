import type { CsvCell } from "@/lib/analytics/csv";
import type { DESK_TABLES, SLA_TABLES } from "./schemas";
import type { DeskAnalytics, DeskFigures, DeskSla } from "./types";

const FIGURE_COLUMNS = [
  "conversations",
  "answered",
  "resolved",
  "transferred",
  "wait_p50_s",
  "wait_p90_s",
  "first_response_p50_s",
  "first_response_p90_s",
  "handling_p50_s",
  "handling_p90_s",
  "waiting_now",
  "in_progress_now",
] as const;

const figureCells = (f: DeskFigures): CsvCell[] => [
  f.conversations,
  f.answered,
  f.resolved,
  f.transferred,
  f.wait.p50,
  f.wait.p90,
  f.firstResponse.p50,
  f.firstResponse.p90,
  f.handling.p50,
  f.handling.p90,
  f.backlog.waiting,
  f.backlog.inProgress,
];

type Table = { header: string[]; rows: CsvCell[][] };

const WEEKDAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/** One table of the desk figures as CSV columns (durations in seconds). */
export function deskTable(data: DeskAnalytics, table: (typeof DESK_TABLES)[number]): Table {
  switch (table) {
    case "daily":
      return { header: ["day", "conversations"], rows: data.daily.map((d) => [d.day, d.conversations]) };
    case "heatmap":
      return { header: ["weekday", "hour", "conversations"], rows: data.heatmap.map((c) => [WEEKDAY_NAMES[c.weekday], c.hour, c.conversations]) };
    case "queues":
      return {
        header: ["queue_id", "queue", "sla_minutes", ...FIGURE_COLUMNS],
        rows: [...data.queues.map((q) => [q.id, q.name, q.slaMinutes, ...figureCells(q)]), ["", "(all)", null, ...figureCells(data.totals)]],
      };
    case "agents":
      return { header: ["agent_id", "agent", ...FIGURE_COLUMNS], rows: data.agents.map((a) => [a.id, a.name, ...figureCells(a)]) };
  }
}

export function slaTable(data: DeskSla, table: (typeof SLA_TABLES)[number]): Table {
  switch (table) {
    case "queues":
      return {
        header: ["queue_id", "queue", "target_minutes", "met", "breached", "pending", "share_met"],
        rows: data.queues.map((q) => [q.id, q.name, q.targetMinutes, q.met, q.breached, q.pending, q.shareMet === null ? null : Number(q.shareMet.toFixed(4))]),
      };
    case "breaches":
      return {
        header: ["protocol", "conversation_id", "queue", "agent", "entered_at", "first_response_at", "waited_business_s", "target_s"],
        rows: data.breaches.map((b) => [b.protocol, b.conversationId, b.queueName, b.agentName, b.enteredAt, b.firstResponseAt, b.waitedBusinessSeconds, b.targetSeconds]),
      };
  }
}
