import "server-only";
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { queueMembers, queues } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/guard";
import { listCanned } from "./admin/canned";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import { hoursStatus } from "./hours";
import { getPresence } from "./presence";

/** The queues a desk user works in (admins: all of them), as the desk and "New conversation" list them. */
export async function actorQueues(db: Db, actor: Actor) {
  let queueRows = await db.select().from(queues).orderBy(asc(queues.name));
  if (actor.role !== "admin") {
    const mine = actor.userId ? await db.select({ id: queueMembers.queueId }).from(queueMembers).where(eq(queueMembers.userId, actor.userId)) : [];
    const ids = new Set(mine.map((m) => m.id));
    queueRows = queueRows.filter((q) => ids.has(q.id));
  }
  return queueRows.map((q) => ({ id: q.id, name: q.name, slug: q.slug, assignmentMode: q.assignmentMode }));
}

/** What the desk page needs on first paint; everything after that comes from the API and SSE. */
export async function deskPageData(db: Db, actor: Actor) {
  const [queueList, canned, templates, hours, presence] = await Promise.all([
    actorQueues(db, actor),
    listCanned(db),
    listTemplates(db, { approvedOnly: true }),
    hoursStatus(db),
    actor.userId ? getPresence(db, actor.userId) : Promise.resolve("offline" as const),
  ]);
  return {
    queues: queueList,
    canned: canned.map((c) => ({ id: c.id, shortcut: c.shortcut, text: c.text })),
    templates: templates.map(templateSummary),
    hours,
    presence,
  };
}
