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

const keywordList = z.array(z.string().trim().min(1).max(40)).max(30);

/** What `workspace.opt_out_keywords` holds (null or missing list: the language's default). */
export const storedOptKeywordsSchema = z
  .object({ optOut: keywordList.nullable().optional(), optIn: keywordList.nullable().optional() })
  .catch({});
export type StoredOptKeywords = z.infer<typeof storedOptKeywordsSchema>;

/** The lists in force, normalised once (the runtime caches the result with the workspace). */
export function resolveOptKeywords(locale: string | null | undefined, stored: StoredOptKeywords): OptKeywords {
  const defaults = DEFAULT_OPT_KEYWORDS[customerLocale(locale)];
  const norm = (list: string[]) => [...new Set(list.map(normalizeText).filter(Boolean))];
  return { optOut: norm(stored.optOut ?? defaults.optOut), optIn: norm(stored.optIn ?? defaults.optIn) };
}

export type OptIntent = "opt_out" | "opt_in" | null;

/**
 * Whether a message is an opt-out or opt-in keyword. `keywords` are normalised already, so a
 * message costs one normalisation — and none when it is longer than any keyword.
 */
export function optIntent(text: string | null | undefined, keywords: OptKeywords, maxLength = longest(keywords)): OptIntent {
  if (!text || text.length > maxLength + 8) return null;
  const norm = normalizeText(text).replace(/[.!¡?¿]+$/u, "").trim();
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
