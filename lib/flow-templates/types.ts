import type { FlowDocument } from "@/lib/flow/schema";

export type TemplateLocale = "es" | "pt" | "en";

/** Queues the template hands off to (slugs of queues that exist in this workspace). */
export type TemplateQueues = { support: string; sales: string };

export type TemplateOptions = { locale: TemplateLocale; queues: TemplateQueues };

export type FlowTemplate = {
  id: "faq-menu" | "order-status" | "lead-capture" | "business-hours";
  build: (options: TemplateOptions) => FlowDocument;
};

/** Restart / talk-to-a-person keywords in the template's language. */
export function templateKeywords(locale: TemplateLocale, supportQueue: string): FlowDocument["settings"]["globalKeywords"] {
  const words = {
    es: { restart: ["menu", "inicio"], human: ["agente", "humano", "persona"] },
    pt: { restart: ["menu", "início"], human: ["atendente", "humano", "pessoa"] },
    en: { restart: ["menu", "start over"], human: ["agent", "human", "person"] },
  }[locale];
  return [
    { keywords: words.restart, action: "restart" },
    { keywords: words.human, action: "handoff", queue: supportQueue },
  ];
}

export const INVALID_INPUT = {
  es: "No entendí. Elige una de las opciones, por favor.",
  pt: "Não entendi. Escolha uma das opções, por favor.",
  en: "Sorry, I didn't get that. Please choose one of the options.",
} as const;
