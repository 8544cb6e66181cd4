import { toCsv } from "./csv";
import type { SatisfactionFigures, SatisfactionReport } from "./satisfaction";
import type { SatisfactionTable } from "./satisfaction-query";

const FIGURE_COLUMNS = ["sent", "answered", "response_rate", "average", "satisfied", "score_1", "score_2", "score_3", "score_4", "score_5", "comments"];

function figureCells(f: SatisfactionFigures) {
  return [f.sent, f.answered, f.responseRate, f.average, f.satisfied, f.distribution["1"], f.distribution["2"], f.distribution["3"], f.distribution["4"], f.distribution["5"], f.comments];
}

/** One table of the report as CSV, for spreadsheets and BI tools. */
export function satisfactionCsv(report: SatisfactionReport, table: SatisfactionTable): string {
  switch (table) {
    case "agents":
      return toCsv(["agent_id", "agent", ...FIGURE_COLUMNS], report.agents.map((a) => [a.agentId, a.name, ...figureCells(a)]));
    case "queues":
      return toCsv(["queue_id", "queue", ...FIGURE_COLUMNS], report.queues.map((q) => [q.queueId, q.name, ...figureCells(q)]));
    case "days":
      return toCsv(["day", ...FIGURE_COLUMNS], report.days.map((d) => [d.day, ...figureCells(d)]));
    case "comments":
      return toCsv(
        ["commented_at", "protocol", "conversation_id", "agent", "queue", "scale", "score", "comment"],
        report.comments.map((c) => [c.commentedAt, c.protocol, c.conversationId, c.agentName, c.queueName, c.scale, c.score, c.comment]),
      );
  }
}
