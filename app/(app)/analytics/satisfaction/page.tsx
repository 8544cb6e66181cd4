import { asc } from "drizzle-orm";
import { SatisfactionView } from "@/components/analytics/satisfaction/satisfaction-view";
import { requireAnalyticsSection } from "@/lib/analytics/page-guard";
import { todayIn } from "@/lib/analytics/range";
import { COMMENTS_SHOWN, satisfactionReport } from "@/lib/analytics/satisfaction";
import { satisfactionQuerySchema } from "@/lib/analytics/satisfaction-query";
import { getDb } from "@/lib/db";
import { queues } from "@/lib/db/schema";
import { listDeskUsers } from "@/lib/desk/admin/queues";
import { workspaceHours } from "@/lib/desk/hours";

export default async function AnalyticsSatisfactionPage() {
  const actor = await requireAnalyticsSection("satisfaction");
  const db = await getDb();
  const admin = actor.role === "admin";
  const [report, { timeZone }, queueRows, agentRows] = await Promise.all([
    // The last 30 days, narrowed to the agent's own surveys for agents (same code as the API).
    satisfactionReport(db, actor, satisfactionQuerySchema.parse({})),
    workspaceHours(db),
    admin ? db.select({ id: queues.id, name: queues.name }).from(queues).orderBy(asc(queues.name)) : [],
    admin ? listDeskUsers(db) : [],
  ]);
  return <SatisfactionView initial={report} today={todayIn(timeZone)} admin={admin} queues={queueRows} agents={agentRows.map((u) => ({ id: u.id, name: u.name }))} commentsShown={COMMENTS_SHOWN} />;
}
