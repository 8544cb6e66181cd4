import type { FlowDocument } from "@/lib/flow/schema";
import type { FlowTemplate } from "./types";
import { INVALID_INPUT, templateKeywords } from "./types";

const TEXT = {
  es: {
    open: "¡Hola {{contact.first_name}}! ¿Con qué área quieres hablar?",
    buttons: ["Ventas", "Soporte"],
    sales: "Te comunico con Ventas. Tu número de atención es {{protocol}}.",
    support: "Te comunico con Soporte. Tu número de atención es {{protocol}}.",
    closed: "¡Hola {{contact.first_name}}! Ahora estamos fuera de horario (lunes a viernes de 9 a 18 h).",
    leave: "Déjanos tu consulta y te respondemos apenas abramos.",
    thanks: "¡Gracias! Recibimos tu mensaje. Tu número de atención es {{protocol}}.",
  },
  pt: {
    open: "Olá {{contact.first_name}}! Com qual área você quer falar?",
    buttons: ["Vendas", "Suporte"],
    sales: "Vou te passar para Vendas. Seu protocolo é {{protocol}}.",
    support: "Vou te passar para o Suporte. Seu protocolo é {{protocol}}.",
    closed: "Olá {{contact.first_name}}! Agora estamos fora do horário de atendimento (segunda a sexta, das 9h às 18h).",
    leave: "Deixe sua mensagem e respondemos assim que abrirmos.",
    thanks: "Obrigado! Recebemos sua mensagem. Seu protocolo é {{protocol}}.",
  },
  en: {
    open: "Hi {{contact.first_name}}! Which team would you like to talk to?",
    buttons: ["Sales", "Support"],
    sales: "Connecting you with Sales. Your reference number is {{protocol}}.",
    support: "Connecting you with Support. Your reference number is {{protocol}}.",
    closed: "Hi {{contact.first_name}}! We're closed right now (Monday to Friday, 9 am – 6 pm).",
    leave: "Leave us your question and we'll answer as soon as we open.",
    thanks: "Thank you! We got your message. Your reference number is {{protocol}}.",
  },
} as const;

export const businessHoursTemplate: FlowTemplate = {
  id: "business-hours",
  build({ locale, queues }) {
    const x = TEXT[locale];
    const doc: FlowDocument = {
      schemaVersion: 1,
      settings: { sessionTimeoutMinutes: 30, invalidInputMessage: INVALID_INPUT[locale], maxInvalidAttempts: 2, globalKeywords: templateKeywords(locale, queues.support) },
      nodes: [
        { id: "start", type: "start", position: { x: 230, y: 0 }, data: {} },
        { id: "hours", type: "condition", position: { x: 150, y: 110 }, data: { label: locale === "en" ? "Open now?" : locale === "pt" ? "Aberto agora?" : "¿Abierto ahora?", rules: [{ id: "open", variable: "", operator: "business_hours", value: "open" }] } },
        { id: "team", type: "buttons", position: { x: -150, y: 300 }, data: { text: x.open, buttons: x.buttons.map((title, i) => ({ id: ["sales", "support"][i]!, title })) } },
        { id: "to_sales", type: "handoff", position: { x: -350, y: 560 }, data: { queue: queues.sales, text: x.sales } },
        { id: "to_support", type: "handoff", position: { x: -50, y: 560 }, data: { queue: queues.support, text: x.support } },
        { id: "closed", type: "message", position: { x: 350, y: 300 }, data: { text: x.closed } },
        { id: "leave_message", type: "question", position: { x: 350, y: 450 }, data: { text: x.leave, variable: "consulta", validation: { kind: "any" } } },
        { id: "thanks", type: "end", position: { x: 350, y: 660 }, data: { text: x.thanks } },
      ],
      edges: [
        { id: "e_start", source: "start", target: "hours" },
        { id: "e_open", source: "hours", sourceHandle: "open", target: "team" },
        { id: "e_closed", source: "hours", sourceHandle: "else", target: "closed" },
        { id: "e_sales", source: "team", sourceHandle: "sales", target: "to_sales" },
        { id: "e_support", source: "team", sourceHandle: "support", target: "to_support" },
        { id: "e_team_invalid", source: "team", sourceHandle: "invalid", target: "to_support" },
        { id: "e_closed_leave", source: "closed", target: "leave_message" },
        { id: "e_leave", source: "leave_message", target: "thanks" },
      ],
    };
    return doc;
  },
};
