import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record";
import { workspace } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { customerLocale } from "@/lib/desk/customer-messages";
import type { Locale } from "@/lib/i18n/config";
import { DEFAULT_OPT_CONFIRMATIONS, DEFAULT_OPT_KEYWORDS, type OptOutSettingsInput, storedOptKeywordsSchema } from "./keywords";

export type OptOutSettings = {
  /** The workspace's customer language: its defaults are in force where `own` is null. */
  language: Locale;
  own: { optOut: string[] | null; optIn: string[] | null; optOutConfirmation: string | null; optInConfirmation: string | null };
  defaults: { keywords: typeof DEFAULT_OPT_KEYWORDS; confirmations: typeof DEFAULT_OPT_CONFIRMATIONS };
};

export async function getOptOutSettings(db: DbOrTx): Promise<OptOutSettings> {
  const [ws] = await db.select({ locale: workspace.defaultLocale, stored: workspace.optOutSettings }).from(workspace);
  const stored = storedOptKeywordsSchema.parse(ws?.stored ?? {});
  return {
    language: customerLocale(ws?.locale),
    own: {
      optOut: stored.optOut?.length ? stored.optOut : null,
      optIn: stored.optIn?.length ? stored.optIn : null,
      optOutConfirmation: stored.optOutConfirmation?.trim() || null,
      optInConfirmation: stored.optInConfirmation?.trim() || null,
    },
    defaults: { keywords: DEFAULT_OPT_KEYWORDS, confirmations: DEFAULT_OPT_CONFIRMATIONS },
  };
}

/**
 * Saves the keywords and confirmations (null or empty: the language's default). A word may not
 * be both an opt-out and an opt-in keyword. The runtime picks them up within its settings cache
 * time (RUNTIME_SETTINGS_CACHE_MS), like the other workspace settings.
 */
export async function saveOptOutSettings(db: DbOrTx, input: OptOutSettingsInput, actorId: string | null): Promise<OptOutSettings> {
  const list = (v: string[] | null | undefined) => (v?.length ? [...new Set(v.map((k) => k.trim()))] : null);
  const value = {
    optOut: list(input.optOut),
    optIn: list(input.optIn),
    optOutConfirmation: input.optOutConfirmation?.trim() || null,
    optInConfirmation: input.optInConfirmation?.trim() || null,
  };
  await db.update(workspace).set({ optOutSettings: value, updatedAt: new Date() }).where(eq(workspace.id, 1));
  await recordAudit(db, { actorId, action: "workspace.opt_out_settings", entityType: "workspace", entityId: "1", details: value });
  return getOptOutSettings(db);
}
