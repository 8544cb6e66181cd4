/** Percentiles of a duration, in whole seconds; null when nothing was measured. */
export type Percentiles = { p50: number | null; p90: number | null };

/** The desk figures of one group (everything, a queue or an agent) over the range. */
export type DeskFigures = {
  /** Conversations that entered the desk (their first queue entry) in the range. */
  conversations: number;
  /** …of which an agent answered / resolved. */
  answered: number;
  resolved: number;
  /** Distinct conversations transferred away from this queue / agent. */
  transferred: number;
  /** First queue entry → first assignment. */
  wait: Percentiles;
  /** First queue entry → first agent reply. */
  firstResponse: Percentiles;
  /** Last assignment → resolution (the resolving agent's own stint). */
  handling: Percentiles;
  /** Now, whatever the range: waiting in the queue, held by an agent. */
  backlog: { waiting: number; inProgress: number };
};

export type DeskAnalytics = {
  range: { from: string; to: string; timeZone: string; days: number };
  filter: { queueId: string | null; agentId: string | null };
  generatedAt: string;
  totals: DeskFigures;
  daily: { day: string; conversations: number }[];
  /** 7 × 24 cells, weekday 0 = Sunday, hour 0–23 in the workspace's time zone. */
  heatmap: { weekday: number; hour: number; conversations: number }[];
  queues: (DeskFigures & { id: string; name: string; slaMinutes: number | null })[];
  agents: (DeskFigures & { id: string; name: string })[];
};

export type SlaBreach = {
  conversationId: string;
  protocol: string;
  queueId: string;
  queueName: string;
  agentId: string | null;
  agentName: string | null;
  enteredAt: string;
  /** Null: not answered yet (or closed unanswered). */
  firstResponseAt: string | null;
  /** Business seconds from the first queue entry to the reply (or to now / the close). */
  waitedBusinessSeconds: number;
  targetSeconds: number;
};

export type SlaQueue = {
  id: string;
  name: string;
  targetMinutes: number;
  /** Answered within the target (business time). */
  met: number;
  /** Answered late, or still unanswered past the target. */
  breached: number;
  /** Unanswered and still within the target. */
  pending: number;
  /** met / (met + breached); null when neither. */
  shareMet: number | null;
};

export type DeskSla = {
  range: { from: string; to: string; timeZone: string; days: number };
  filter: { queueId: string | null; agentId: string | null };
  generatedAt: string;
  queues: SlaQueue[];
  breaches: SlaBreach[];
  /** The list keeps the longest waits first and stops at BREACH_LIMIT (the CSV has them all). */
  breachesTruncated: boolean;
};
