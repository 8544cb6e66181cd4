import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { workspace } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { CUSTOMER_MESSAGE_KEYS, customerLocale, DEFAULT_CUSTOMER_MESSAGES, storedCustomerMessagesSchema, type CustomerMessageKey, type CustomerMessages } from "../customer-messages";
import type { CustomerMessagesInput } from "../schemas";

export type CustomerMessagesSettings = {
  language: "es" | "pt" | "en";
  /** The admin's own texts (null: the language's default is sent). */
  own: Record<CustomerMessageKey, string | null>;
  /** Every language's defaults, so the page can show them as the admin switches language. */
  defaults: typeof DEFAULT_CUSTOMER_MESSAGES;
};

export async function getCustomerMessages(db: Db): Promise<CustomerMessagesSettings> {
  const [ws] = await db.select({ locale: workspace.defaultLocale, stored: workspace.customerMessages, outsideHours: workspace.outsideHoursMessage }).from(workspace);
  const stored = storedCustomerMessagesSchema.parse(ws?.stored ?? {});
  return {
    language: customerLocale(ws?.locale),
    own: { handoff: stored.handoff?.trim() || null, handoffError: stored.handoffError?.trim() || null, outsideHours: ws?.outsideHours?.trim() || null },
    defaults: DEFAULT_CUSTOMER_MESSAGES,
  };
}

/** Saves the language and the admin's texts; the runtime picks them up within its settings cache time. */
export async function saveCustomerMessages(db: Db, input: CustomerMessagesInput, actorId: string | null): Promise<CustomerMessagesSettings> {
  const own = Object.fromEntries(CUSTOMER_MESSAGE_KEYS.map((k) => [k, input[k]?.trim() || null])) as Record<CustomerMessageKey, string | null>;
  await db
    .update(workspace)
    .set({ defaultLocale: input.language, customerMessages: { handoff: own.handoff, handoffError: own.handoffError }, outsideHoursMessage: own.outsideHours, updatedAt: new Date() })
    .where(eq(workspace.id, 1));
  await recordAudit(db, {
    actorId,
    action: "workspace.customer_messages",
    entityType: "workspace",
    entityId: "1",
    details: { language: input.language, own: CUSTOMER_MESSAGE_KEYS.filter((k) => own[k]) },
  });
  return getCustomerMessages(db);
}

export type { CustomerMessages };
