import { asc } from "drizzle-orm";
import { DeskAnalyticsView } from "@/components/analytics/desk/desk-analytics";
import { requireAnalyticsSection } from "@/lib/analytics/page-guard";
import { todayIn } from "@/lib/analytics/range";
import { getDb } from "@/lib/db";
import { queues } from "@/lib/db/schema";
import { listDeskUsers } from "@/lib/desk/admin/queues";
import { workspaceHours } from "@/lib/desk/hours";

export default async function AnalyticsDeskPage() {
  const actor = await requireAnalyticsSection("desk");
  const db = await getDb();
  const admin = actor.role === "admin";
  const [{ timeZone }, queueList, agentList] = await Promise.all([
    workspaceHours(db),
    db.select({ id: queues.id, name: queues.name }).from(queues).orderBy(asc(queues.name)),
    admin ? listDeskUsers(db) : Promise.resolve([]),
  ]);
  // The presets count back from the workspace's today, like the API's default range.
  const today = todayIn(timeZone);
  return (
    <DeskAnalyticsView admin={admin} queues={queueList} agents={agentList.map((a) => ({ id: a.id, name: a.name }))} timeZone={timeZone} today={today} />
  );
}
