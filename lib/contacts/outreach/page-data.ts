import "server-only";
import type { Actor } from "@/lib/auth/guard";
import { optOutStatus } from "@/lib/contacts/opt-out";
import { listTemplates, templateSummary } from "@/lib/contacts/template-store/queries";
import type { TemplateSummary } from "@/lib/contacts/template-store/types";
import type { Db } from "@/lib/db/types";
import { actorQueues } from "@/lib/desk/page-data";

export type WriteFirstData = {
  /** The user's queues: the conversation goes to one of them. Empty: they cannot write first. */
  queues: Awaited<ReturnType<typeof actorQueues>>;
  /** Approved templates of the contact's channel, the only ones it can be sent. */
  templates: TemplateSummary[];
  /** The contact's marketing consent, shown next to the button (a MARKETING template is refused). */
  optOut: { optedOut: boolean; optedOutAt: string | null; source: string | null };
};

/**
 * What the contact page needs to write first to a contact (docs/outreach.md): the same
 * choices as the desk's "New conversation", narrowed to the contact's channel. The caller has
 * checked that the user may read the contact (getContact); POST /api/desk/outreach checks the
 * queue and the template again.
 */
export async function writeFirstData(db: Db, actor: Actor, contact: { id: string; channelId: string }): Promise<WriteFirstData> {
  const [queues, templates, consent] = await Promise.all([
    actorQueues(db, actor),
    listTemplates(db, { channelId: contact.channelId, approvedOnly: true }),
    optOutStatus(db, contact.id),
  ]);
  return {
    queues,
    templates: templates.map(templateSummary),
    optOut: { optedOut: consent.optedOut, optedOutAt: consent.optedOutAt?.toISOString() ?? null, source: consent.source },
  };
}
