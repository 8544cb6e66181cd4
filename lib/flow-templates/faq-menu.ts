import type { FlowDocument } from "@/lib/flow/schema";
import type { FlowTemplate } from "./types";
import { INVALID_INPUT, templateKeywords } from "./types";

const TEXT = {
  es: {
    welcome: "¡Hola {{contact.first_name}}! 👋 Estas son las preguntas más frecuentes. ¿Sobre qué quieres saber?",
    button: "Ver temas",
    section: "Preguntas frecuentes",
    rows: [
      ["Horarios", "Cuándo atendemos", "Atendemos de lunes a viernes de 9 a 18 h y los sábados de 9 a 13 h."],
      ["Envíos", "Plazos y costos", "Enviamos a todo el país en 2 a 5 días hábiles. El envío es gratis en compras desde $50."],
      ["Medios de pago", "Tarjetas y transferencias", "Aceptamos tarjetas de crédito y débito, transferencia bancaria y pago contra entrega."],
      ["Cambios y devoluciones", "Plazos y condiciones", "Tienes 30 días para cambiar o devolver un producto sin uso, con su boleta."],
    ],
    human: ["Hablar con una persona", "Te atiende alguien del equipo"],
    more: "¿Te ayudo con algo más?",
    moreButtons: ["Ver otros temas", "Hablar con persona", "No, gracias"],
    handoff: "Te comunico con una persona del equipo. Tu número de atención es {{protocol}}.",
    bye: "¡Gracias por escribirnos, {{contact.first_name}}! Que tengas un buen día.",
  },
  pt: {
    welcome: "Olá {{contact.first_name}}! 👋 Estas são as perguntas mais frequentes. Sobre o que você quer saber?",
    button: "Ver temas",
    section: "Perguntas frequentes",
    rows: [
      ["Horários", "Quando atendemos", "Atendemos de segunda a sexta, das 9h às 18h, e aos sábados das 9h às 13h."],
      ["Entregas", "Prazos e custos", "Entregamos em todo o país em 2 a 5 dias úteis. Frete grátis em compras acima de R$ 150."],
      ["Formas de pagamento", "Cartões, Pix e boleto", "Aceitamos cartões de crédito e débito, Pix e boleto bancário."],
      ["Trocas e devoluções", "Prazos e condições", "Você tem 30 dias para trocar ou devolver um produto sem uso, com a nota fiscal."],
    ],
    human: ["Falar com uma pessoa", "Alguém da equipe te atende"],
    more: "Posso ajudar em mais alguma coisa?",
    moreButtons: ["Ver outros temas", "Falar com atendente", "Não, obrigado"],
    handoff: "Vou te passar para uma pessoa da equipe. Seu protocolo é {{protocol}}.",
    bye: "Obrigado pelo contato, {{contact.first_name}}! Tenha um ótimo dia.",
  },
  en: {
    welcome: "Hi {{contact.first_name}}! 👋 These are our most frequent questions. What would you like to know?",
    button: "See topics",
    section: "Frequent questions",
    rows: [
      ["Opening hours", "When we are open", "We are open Monday to Friday 9 am – 6 pm and Saturdays 9 am – 1 pm."],
      ["Shipping", "Times and costs", "We ship nationwide in 2 to 5 business days. Shipping is free on orders over $50."],
      ["Payment methods", "Cards and transfers", "We accept credit and debit cards, bank transfers and cash on delivery."],
      ["Returns", "Deadlines and conditions", "You have 30 days to exchange or return an unused product with its receipt."],
    ],
    human: ["Talk to a person", "Someone from the team answers"],
    more: "Can I help you with anything else?",
    moreButtons: ["Other topics", "Talk to a person", "No, thanks"],
    handoff: "I'm passing you to a person on our team. Your reference number is {{protocol}}.",
    bye: "Thanks for writing to us, {{contact.first_name}}! Have a great day.",
  },
} as const;

const ROW_IDS = ["hours", "shipping", "payments", "returns"] as const;

export const faqMenuTemplate: FlowTemplate = {
  id: "faq-menu",
  build({ locale, queues }) {
    const x = TEXT[locale];
    const doc: FlowDocument = {
      schemaVersion: 1,
      settings: { sessionTimeoutMinutes: 30, invalidInputMessage: INVALID_INPUT[locale], maxInvalidAttempts: 2, globalKeywords: templateKeywords(locale, queues.support) },
      nodes: [
        { id: "start", type: "start", position: { x: 380, y: 0 }, data: {} },
        {
          id: "topics",
          type: "list",
          position: { x: 300, y: 110 },
          data: {
            text: x.welcome,
            buttonLabel: x.button,
            sections: [
              {
                title: x.section,
                rows: [
                  ...x.rows.map(([title, description], i) => ({ id: ROW_IDS[i]!, title, description })),
                  { id: "person", title: x.human[0], description: x.human[1] },
                ],
              },
            ],
          },
        },
        ...x.rows.map(([, , answer], i) => ({
          id: `answer_${ROW_IDS[i]}`,
          type: "message" as const,
          position: { x: i * 300 - 150, y: 560 },
          data: { text: answer },
        })),
        {
          id: "more",
          type: "buttons",
          position: { x: 300, y: 760 },
          data: { text: x.more, buttons: x.moreButtons.map((title, i) => ({ id: ["menu", "person", "bye"][i]!, title })) },
        },
        { id: "human", type: "handoff", position: { x: 900, y: 1000 }, data: { queue: queues.support, text: x.handoff } },
        { id: "goodbye", type: "end", position: { x: 400, y: 1050 }, data: { text: x.bye } },
      ],
      edges: [
        { id: "e_start", source: "start", target: "topics" },
        ...ROW_IDS.map((row) => ({ id: `e_${row}`, source: "topics", sourceHandle: row, target: `answer_${row}` })),
        { id: "e_person", source: "topics", sourceHandle: "person", target: "human" },
        { id: "e_invalid", source: "topics", sourceHandle: "invalid", target: "human" },
        ...ROW_IDS.map((row) => ({ id: `e_${row}_more`, source: `answer_${row}`, target: "more" })),
        { id: "e_more_menu", source: "more", sourceHandle: "menu", target: "topics" },
        { id: "e_more_person", source: "more", sourceHandle: "person", target: "human" },
        { id: "e_more_bye", source: "more", sourceHandle: "bye", target: "goodbye" },
      ],
    };
    return doc;
  },
};
