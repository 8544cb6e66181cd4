import "server-only";
import { queues, workspace } from "@/lib/db/schema";
import type { DbOrTx } from "@/lib/db/types";
import { businessHoursSchema, defaultBusinessHours, type BusinessHours } from "@/lib/flow/business-hours";
import { resolveCustomerMessages, storedCustomerMessagesSchema, type CustomerMessages } from "@/lib/desk/customer-messages";
import { env } from "@/lib/config/env";
import { longest, type OptKeywords, resolveOptConfirmations, resolveOptKeywords, storedOptKeywordsSchema } from "@/lib/contacts/opt-out/keywords";

export type RuntimeWorkspace = {
  timeZone: string;
  businessHours: BusinessHours;
  /** The texts the platform sends customers, in the workspace's language or as admins wrote them. */
  messages: CustomerMessages;
  httpAllowHosts: string[];
  /** Opt-out and opt-in keywords (normalised), the longest one's length, and the confirmations. */
  optKeywords: OptKeywords & { maxLength: number };
  optConfirmations: { optOut: string; optIn: string };
  queueBySlug: Map<string, { id: string; name: string }>;
  queueById: Map<string, { id: string; name: string }>;
  defaultQueue: { id: string; name: string } | null;
};

const MAX_AGE_MS = env.RUNTIME_SETTINGS_CACHE_MS;
const state = globalThis as unknown as { __atendoWorkspace?: { at: number; value: RuntimeWorkspace } };

/** Workspace settings, customer texts and queues, cached a few seconds: the worker reads them for every batch. */
export async function getRuntimeWorkspace(db: DbOrTx): Promise<RuntimeWorkspace> {
  const cached = state.__atendoWorkspace;
  if (cached && Date.now() - cached.at < MAX_AGE_MS) return cached.value;
  const [ws] = await db.select().from(workspace);
  const queueRows = await db.select({ id: queues.id, slug: queues.slug, name: queues.name, isDefault: queues.isDefault }).from(queues);
  const hours = businessHoursSchema.safeParse(ws?.businessHours);
  const defaultRow = queueRows.find((q) => q.isDefault) ?? queueRows.find((q) => q.slug === "soporte") ?? queueRows[0] ?? null;
  const value: RuntimeWorkspace = {
    timeZone: ws?.timeZone ?? "America/Sao_Paulo",
    businessHours: hours.success ? hours.data : defaultBusinessHours(),
    messages: resolveCustomerMessages(ws?.defaultLocale, { ...storedCustomerMessagesSchema.parse(ws?.customerMessages ?? {}), outsideHours: ws?.outsideHoursMessage }),
    httpAllowHosts: Array.isArray(ws?.httpAllowHosts) ? ws.httpAllowHosts : [],
    ...optSettings(ws?.defaultLocale, ws?.optOutSettings),
    queueBySlug: new Map(queueRows.map((q) => [q.slug, { id: q.id, name: q.name }])),
    queueById: new Map(queueRows.map((q) => [q.id, { id: q.id, name: q.name }])),
    defaultQueue: defaultRow ? { id: defaultRow.id, name: defaultRow.name } : null,
  };
  state.__atendoWorkspace = { at: Date.now(), value };
  return value;
}

function optSettings(locale: string | null | undefined, stored: unknown): Pick<RuntimeWorkspace, "optKeywords" | "optConfirmations"> {
  const parsed = storedOptKeywordsSchema.parse(stored ?? {});
  const keywords = resolveOptKeywords(locale, parsed);
  return { optKeywords: { ...keywords, maxLength: longest(keywords) }, optConfirmations: resolveOptConfirmations(locale, parsed) };
}
