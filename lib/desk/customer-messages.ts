import { z } from "zod";
import { LOCALES, type Locale } from "@/lib/i18n/config";

/**
 * The texts the platform itself sends to customers (not the flow's, which marketers write):
 * workspace-level, in the workspace's language unless an admin wrote their own.
 * `{{protocol}}` and `{{contact.name}}` are filled in when sent.
 *
 * - `handoff`: the conversation joined a queue and nothing else told the customer so
 *   (a global keyword, a handoff step without text).
 * - `handoffError`: the flow could not go on (no published version, a failing step), so a
 *   person takes over.
 * - `outsideHours`: after a handoff outside business hours ("we are closed"). Stored in
 *   `workspace.outside_hours_message` and edited with the business hours.
 */
export const CUSTOMER_MESSAGE_KEYS = ["handoff", "handoffError", "outsideHours"] as const;
export type CustomerMessageKey = (typeof CUSTOMER_MESSAGE_KEYS)[number];
export type CustomerMessages = Record<CustomerMessageKey, string>;

export const DEFAULT_CUSTOMER_MESSAGES: Record<Locale, CustomerMessages> = {
  es: {
    handoff: "Te atenderá una persona en breve. Tu protocolo es {{protocol}}.",
    handoffError: "Tuvimos un problema para continuar la conversación automática. Te atenderá una persona en breve. Tu protocolo es {{protocol}}.",
    outsideHours: "Gracias por escribirnos. En este momento estamos fuera del horario de atención: un asesor te responderá apenas volvamos a abrir.",
  },
  pt: {
    handoff: "Uma pessoa vai te atender em breve. Seu protocolo é {{protocol}}.",
    handoffError: "Tivemos um problema para continuar o atendimento automático. Uma pessoa vai te atender em breve. Seu protocolo é {{protocol}}.",
    outsideHours: "Obrigado por escrever. No momento estamos fora do horário de atendimento: um atendente vai te responder assim que voltarmos.",
  },
  en: {
    handoff: "A person will answer you shortly. Your protocol number is {{protocol}}.",
    handoffError: "We could not continue the automatic conversation. A person will answer you shortly. Your protocol number is {{protocol}}.",
    outsideHours: "Thank you for writing. We are closed right now: an agent will answer as soon as we open again.",
  },
};

export function customerLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : "es";
}

/** The texts in force: the admin's own where written, the language's default elsewhere. */
export function resolveCustomerMessages(locale: string | null | undefined, own: Partial<Record<CustomerMessageKey, string | null>>): CustomerMessages {
  const defaults = DEFAULT_CUSTOMER_MESSAGES[customerLocale(locale)];
  const out = { ...defaults };
  for (const key of CUSTOMER_MESSAGE_KEYS) {
    const text = own[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}

/** What `workspace.customer_messages` holds (outside hours lives in its own column). */
export const storedCustomerMessagesSchema = z
  .object({ handoff: z.string().nullable().optional(), handoffError: z.string().nullable().optional() })
  .catch({});
