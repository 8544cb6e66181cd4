import "server-only";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { contacts } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";

/** How an opt-out or opt-in happened (contacts.opt_out_source, the audit entry's details). */
export type OptSource = "keyword" | "agent" | "flow" | "api";

export type OptChange = {
  contactId: string;
  source: OptSource;
  /** The user (agent, admin) or API token owner who changed it; null for the customer or a flow. */
  actorId?: string | null;
  /** The keyword the customer wrote, the flow node, the conversation… for the audit log. */
  details?: Record<string, unknown>;
};

/**
 * Marks the contact opted out of marketing and records it in the audit log, in the caller's
 * transaction. Returns false (and writes nothing) when they were opted out already.
 */
export async function optOut(db: DbOrTx, change: OptChange, at = new Date()): Promise<boolean> {
  const rows = await db
    .update(contacts)
    .set({ optedOutAt: at, optOutSource: change.source })
    .where(and(eq(contacts.id, change.contactId), isNull(contacts.optedOutAt)))
    .returning({ id: contacts.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { actorId: change.actorId ?? null, action: "contact.opt_out", entityType: "contact", entityId: change.contactId, details: { source: change.source, ...change.details } });
  return true;
}

/** Opts the contact back into marketing (audited). False when they were not opted out. */
export async function optIn(db: DbOrTx, change: OptChange): Promise<boolean> {
  const rows = await db
    .update(contacts)
    .set({ optedOutAt: null, optOutSource: null })
    .where(and(eq(contacts.id, change.contactId), isNotNull(contacts.optedOutAt)))
    .returning({ id: contacts.id });
  if (rows.length === 0) return false;
  await recordAudit(db, { actorId: change.actorId ?? null, action: "contact.opt_in", entityType: "contact", entityId: change.contactId, details: { source: change.source, ...change.details } });
  return true;
}

export type OptOutStatus = { optedOut: boolean; optedOutAt: Date | null; source: string | null };

export async function optOutStatus(db: DbOrTx, contactId: string): Promise<OptOutStatus> {
  const [row] = await db.select({ at: contacts.optedOutAt, source: contacts.optOutSource }).from(contacts).where(eq(contacts.id, contactId));
  if (!row) throw new AppError("not_found", "Contact not found");
  return { optedOut: row.at !== null, optedOutAt: row.at, source: row.source };
}

export async function isOptedOut(db: DbOrTx, contactId: string): Promise<boolean> {
  return (await optOutStatus(db, contactId)).optedOut;
}

export const OPTED_OUT_REASON = "opted_out";

/**
 * Refuses (409, reason `opted_out`) a marketing send to a contact who opted out. Campaigns,
 * `POST /api/messages`, the desk and the flow `template` node call it before a MARKETING
 * template; utility and authentication templates are not marketing and still go out.
 */
export async function assertMayReceiveMarketing(db: DbOrTx, contactId: string): Promise<void> {
  const status = await optOutStatus(db, contactId);
  if (status.optedOut) {
    throw new AppError("conflict", "The contact opted out of marketing messages", {
      details: { reason: OPTED_OUT_REASON, contactId, optedOutAt: status.optedOutAt?.toISOString() ?? null, source: status.source },
    });
  }
}
