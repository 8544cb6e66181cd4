import type { FlowDocument } from "@/lib/flow/schema";
import type { FlowTemplate } from "./types";
import { INVALID_INPUT, templateKeywords } from "./types";

const TEXT = {
  es: {
    ask: "¡Hola {{contact.first_name}}! Para consultar tu pedido, escribe el número de pedido (solo números).",
    askError: "El número de pedido tiene entre 4 y 10 dígitos, por ejemplo 482913. ¿Lo escribes de nuevo?",
    status: "Tu pedido {{pedido}} está: *{{estado}}*.\nEntrega estimada: {{entrega}}.",
    failed: "No pude consultar el pedido {{pedido}} en este momento. Te paso con una persona del equipo.",
    more: "¿Te ayudo con algo más?",
    buttons: ["Otro pedido", "Hablar con persona", "Terminar"],
    handoff: "Una persona del equipo revisará tu pedido. Tu número de atención es {{protocol}}.",
    bye: "¡Gracias por tu compra, {{contact.first_name}}!",
  },
  pt: {
    ask: "Olá {{contact.first_name}}! Para consultar seu pedido, digite o número do pedido (só números).",
    askError: "O número do pedido tem de 4 a 10 dígitos, por exemplo 482913. Pode digitar de novo?",
    status: "Seu pedido {{pedido}} está: *{{estado}}*.\nPrevisão de entrega: {{entrega}}.",
    failed: "Não consegui consultar o pedido {{pedido}} agora. Vou te passar para uma pessoa da equipe.",
    more: "Posso ajudar em mais alguma coisa?",
    buttons: ["Outro pedido", "Falar com atendente", "Encerrar"],
    handoff: "Uma pessoa da equipe vai verificar seu pedido. Seu protocolo é {{protocol}}.",
    bye: "Obrigado pela compra, {{contact.first_name}}!",
  },
  en: {
    ask: "Hi {{contact.first_name}}! To check your order, type your order number (digits only).",
    askError: "Order numbers have 4 to 10 digits, for example 482913. Could you type it again?",
    status: "Your order {{pedido}} is: *{{estado}}*.\nEstimated delivery: {{entrega}}.",
    failed: "I couldn't look up order {{pedido}} right now. I'm passing you to a person on our team.",
    more: "Can I help you with anything else?",
    buttons: ["Another order", "Talk to a person", "That's all"],
    handoff: "A person on our team will check your order. Your reference number is {{protocol}}.",
    bye: "Thanks for shopping with us, {{contact.first_name}}!",
  },
} as const;

export const orderStatusTemplate: FlowTemplate = {
  id: "order-status",
  build({ locale, queues }) {
    const x = TEXT[locale];
    const doc: FlowDocument = {
      schemaVersion: 1,
      settings: { sessionTimeoutMinutes: 30, invalidInputMessage: INVALID_INPUT[locale], maxInvalidAttempts: 2, globalKeywords: templateKeywords(locale, queues.support) },
      nodes: [
        { id: "start", type: "start", position: { x: 80, y: 0 }, data: {} },
        {
          id: "ask_order",
          type: "question",
          position: { x: 0, y: 110 },
          data: { text: x.ask, variable: "pedido", validation: { kind: "regex", pattern: "^[0-9]{4,10}$" }, errorText: x.askError },
        },
        {
          id: "lookup",
          type: "http_request",
          position: { x: 0, y: 330 },
          data: {
            method: "GET",
            url: "https://api.example.com/orders/{{pedido}}",
            headers: { Accept: "application/json" },
            timeoutMs: 5000,
            save: [
              { variable: "estado", path: "status" },
              { variable: "entrega", path: "estimated_delivery" },
            ],
          },
        },
        { id: "status", type: "message", position: { x: -200, y: 520 }, data: { text: x.status } },
        { id: "lookup_failed", type: "message", position: { x: 250, y: 520 }, data: { text: x.failed } },
        {
          id: "more",
          type: "buttons",
          position: { x: -200, y: 700 },
          data: { text: x.more, buttons: x.buttons.map((title, i) => ({ id: ["again", "person", "done"][i]!, title })) },
        },
        { id: "human", type: "handoff", position: { x: 300, y: 960 }, data: { queue: queues.support, text: x.handoff, note: "{{contact.name}} · pedido {{pedido}}" } },
        { id: "goodbye", type: "end", position: { x: -200, y: 980 }, data: { text: x.bye } },
      ],
      edges: [
        { id: "e_start", source: "start", target: "ask_order" },
        { id: "e_answer", source: "ask_order", target: "lookup" },
        { id: "e_invalid", source: "ask_order", sourceHandle: "invalid", target: "human" },
        { id: "e_ok", source: "lookup", sourceHandle: "success", target: "status" },
        { id: "e_error", source: "lookup", sourceHandle: "error", target: "lookup_failed" },
        { id: "e_status_more", source: "status", target: "more" },
        { id: "e_failed_human", source: "lookup_failed", target: "human" },
        { id: "e_again", source: "more", sourceHandle: "again", target: "ask_order" },
        { id: "e_person", source: "more", sourceHandle: "person", target: "human" },
        { id: "e_done", source: "more", sourceHandle: "done", target: "goodbye" },
      ],
    };
    return doc;
  },
};
