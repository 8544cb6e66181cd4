import { z } from "zod";
import { customerLocale } from "@/lib/desk/customer-messages";
import { normalizeText } from "@/lib/flow/match";
import type { Locale } from "@/lib/i18n/config";

/**
 * The words a customer writes, alone, to leave marketing ("stop") or come back ("start").
 * Matched on the whole message, ignoring case and accents (normalizeText, as flows match
 * options). Pure: the runtime, the settings page and the tests share it.
 */
export type OptKeywords = { optOut: string[]; optIn: string[] };

export const DEFAULT_OPT_KEYWORDS: Record<Locale, OptKeywords> = {
  es: { optOut: ["baja", "stop", "darme de baja", "cancelar suscripcion"], optIn: ["alta", "start", "volver"] },
  pt: { optOut: ["sair", "parar", "stop", "cancelar inscricao"], optIn: ["voltar", "start", "entrar"] },
  en: { optOut: ["stop", "unsubscribe", "opt out"], optIn: ["start", "subscribe", "opt in"] },
};

/** The confirmations the customer gets; `{{contact.name}}` is filled in when sent. */
export const DEFAULT_OPT_CONFIRMATIONS: Record<Locale, { optOutConfirmation: string; optInConfirmation: string }> = {
  es: {
    optOutConfirmation: "Listo, no te enviaremos más mensajes promocionales. Si cambias de idea, escribe VOLVER.",
    optInConfirmation: "¡Bienvenido de nuevo! Volverás a recibir nuestras novedades. Para darte de baja, escribe BAJA.",
  },
  pt: {
    optOutConfirmation: "Pronto, você não vai mais receber mensagens promocionais. Se mudar de ideia, escreva VOLTAR.",
    optInConfirmation: "Que bom ter você de volta! Você voltará a receber nossas novidades. Para sair, escreva SAIR.",
  },
  en: {
    optOutConfirmation: "Done, you will not receive promotional messages anymore. If you change your mind, reply START.",
    optInConfirmation: "Welcome back! You will receive our news again. To stop, reply STOP.",
  },
};

export const MAX_KEYWORD_LENGTH = 40;
const keywordList = z.array(z.string().trim().min(1, "A keyword cannot be empty").max(MAX_KEYWORD_LENGTH, `A keyword has at most ${MAX_KEYWORD_LENGTH} characters`)).max(30, "At most 30 keywords");
const confirmation = z.string().trim().max(4096, "The text is longer than 4096 characters (WhatsApp's limit)");

/**
 * What `workspace.opt_out_settings` holds and what the settings endpoint takes: null or a
 * missing list/text is the workspace language's default.
 */
export const optOutSettingsSchema = z.object({
  optOut: keywordList.nullable().optional(),
  optIn: keywordList.nullable().optional(),
  optOutConfirmation: confirmation.nullable().optional(),
  optInConfirmation: confirmation.nullable().optional(),
});
export type OptOutSettingsInput = z.infer<typeof optOutSettingsSchema>;
export const storedOptKeywordsSchema = optOutSettingsSchema.catch({});
export type StoredOptKeywords = OptOutSettingsInput;

/** The confirmations in force: the admin's own where written, the language's default elsewhere. */
export function resolveOptConfirmations(locale: string | null | undefined, stored: StoredOptKeywords): { optOut: string; optIn: string } {
  const defaults = DEFAULT_OPT_CONFIRMATIONS[customerLocale(locale)];
  return {
    optOut: stored.optOutConfirmation?.trim() || defaults.optOutConfirmation,
    optIn: stored.optInConfirmation?.trim() || defaults.optInConfirmation,
  };
}

/** The lists in force, normalised once (the runtime caches the result with the workspace). */
export function resolveOptKeywords(locale: string | null | undefined, stored: StoredOptKeywords): OptKeywords {
  const defaults = DEFAULT_OPT_KEYWORDS[customerLocale(locale)];
  const norm = (list: string[]) => [...new Set(list.map(normalizeText).filter(Boolean))];
  return { optOut: norm(stored.optOut ?? defaults.optOut), optIn: norm(stored.optIn ?? defaults.optIn) };
}

export type OptIntent = "opt_out" | "opt_in" | null;

/** Trailing punctuation a customer adds ("Stop!", "sair.") does not change the intent. */
const TRAILING_PUNCTUATION = /[\s.!¡?¿]+$/u;

/**
 * Whether a message is an opt-out or opt-in keyword. `keywords` are normalised already, so a
 * message costs one normalisation — and none when it is longer than any keyword.
 */
export function optIntent(text: string | null | undefined, keywords: OptKeywords, maxLength = longest(keywords)): OptIntent {
  if (!text || text.length > maxLength + 8) return null;
  const norm = normalizeText(text).replace(TRAILING_PUNCTUATION, "");
  if (!norm) return null;
  if (keywords.optOut.includes(norm)) return "opt_out";
  if (keywords.optIn.includes(norm)) return "opt_in";
  return null;
}

export function longest(keywords: OptKeywords): number {
  let max = 0;
  for (const k of keywords.optOut) max = Math.max(max, k.length);
  for (const k of keywords.optIn) max = Math.max(max, k.length);
  return max;
}
