import type { Locale } from "@/lib/i18n/config";
import { customerLocale } from "@/lib/desk/customer-messages";

/** The survey texts an admin may write per queue; a missing one is the workspace language's default. */
export const CSAT_TEXT_KEYS = ["question", "commentPrompt", "thanks"] as const;
export type CsatTextKey = (typeof CSAT_TEXT_KEYS)[number];
export type CsatTexts = Record<CsatTextKey, string>;

/**
 * Labels of the options, in the workspace's language. Buttons carry at most 20 characters and
 * list rows 24 (WhatsApp's limits), so these stay short and are not edited per queue.
 */
export type CsatLabels = { faces: [string, string, string]; five: [string, string, string, string, string]; listButton: string };

export const DEFAULT_CSAT_TEXTS: Record<Locale, CsatTexts & { labels: CsatLabels }> = {
  es: {
    question: "¿Cómo calificarías la atención que recibiste?",
    commentPrompt: "¡Gracias! ¿Quieres agregar algo? Escríbelo en un mensaje.",
    thanks: "¡Gracias por tu respuesta!",
    labels: { faces: ["😞 Mala", "😐 Regular", "😀 Buena"], five: ["1 · Muy mala", "2 · Mala", "3 · Regular", "4 · Buena", "5 · Excelente"], listButton: "Calificar" },
  },
  pt: {
    question: "Como você avalia o atendimento que recebeu?",
    commentPrompt: "Obrigado! Quer acrescentar algo? Escreva numa mensagem.",
    thanks: "Obrigado pela sua resposta!",
    labels: { faces: ["😞 Ruim", "😐 Regular", "😀 Bom"], five: ["1 · Muito ruim", "2 · Ruim", "3 · Regular", "4 · Bom", "5 · Excelente"], listButton: "Avaliar" },
  },
  en: {
    question: "How would you rate the service you received?",
    commentPrompt: "Thank you! Anything to add? Write it in a message.",
    thanks: "Thank you for your answer!",
    labels: { faces: ["😞 Bad", "😐 Okay", "😀 Good"], five: ["1 · Very poor", "2 · Poor", "3 · Okay", "4 · Good", "5 · Excellent"], listButton: "Rate" },
  },
};

/** The texts in force for a queue: its own where written, the workspace language's default elsewhere. */
export function resolveCsatTexts(locale: string | null | undefined, own: Partial<Record<CsatTextKey, string | null>> | null | undefined): CsatTexts & { labels: CsatLabels } {
  const defaults = DEFAULT_CSAT_TEXTS[customerLocale(locale)];
  const out = { ...defaults };
  for (const key of CSAT_TEXT_KEYS) {
    const text = own?.[key]?.trim();
    if (text) out[key] = text;
  }
  return out;
}
