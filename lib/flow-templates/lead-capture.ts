import type { FlowDocument } from "@/lib/flow/schema";
import type { FlowTemplate } from "./types";
import { INVALID_INPUT, templateKeywords } from "./types";

const TEXT = {
  es: {
    welcome: "¡Hola! 👋 Gracias por tu interés. Te hago tres preguntas rápidas y un asesor te contacta.",
    name: "¿Cómo te llamas?",
    nameError: "Escribe tu nombre, por favor (entre 2 y 60 letras).",
    email: "Gracias, {{nombre}}. ¿Cuál es tu correo electrónico?",
    emailError: "Ese correo no parece válido. Revisa que tenga @ y un dominio, por ejemplo ana@correo.com.",
    interest: "¿Qué te interesa?",
    options: ["Planes y precios", "Agendar una demo", "Otra consulta"],
    handoff: "¡Listo, {{nombre}}! Un asesor te escribirá en breve. Tu número de atención es {{protocol}}.",
  },
  pt: {
    welcome: "Olá! 👋 Obrigado pelo interesse. Vou fazer três perguntas rápidas e um consultor entra em contato.",
    name: "Qual é o seu nome?",
    nameError: "Digite seu nome, por favor (de 2 a 60 letras).",
    email: "Obrigado, {{nombre}}. Qual é o seu e-mail?",
    emailError: "Esse e-mail não parece válido. Confira se tem @ e um domínio, por exemplo ana@email.com.",
    interest: "O que te interessa?",
    options: ["Planos e preços", "Agendar uma demo", "Outro assunto"],
    handoff: "Pronto, {{nombre}}! Um consultor vai te escrever em breve. Seu protocolo é {{protocol}}.",
  },
  en: {
    welcome: "Hi! 👋 Thanks for your interest. Three quick questions and an advisor will get in touch.",
    name: "What's your name?",
    nameError: "Please type your name (2 to 60 letters).",
    email: "Thanks, {{nombre}}. What's your email address?",
    emailError: "That email doesn't look right. Check it has an @ and a domain, e.g. ana@mail.com.",
    interest: "What are you interested in?",
    options: ["Plans and pricing", "Book a demo", "Something else"],
    handoff: "All set, {{nombre}}! An advisor will write to you shortly. Your reference number is {{protocol}}.",
  },
} as const;

export const leadCaptureTemplate: FlowTemplate = {
  id: "lead-capture",
  build({ locale, queues }) {
    const x = TEXT[locale];
    const doc: FlowDocument = {
      schemaVersion: 1,
      settings: { sessionTimeoutMinutes: 60, invalidInputMessage: INVALID_INPUT[locale], maxInvalidAttempts: 2, globalKeywords: templateKeywords(locale, queues.support) },
      nodes: [
        { id: "start", type: "start", position: { x: 80, y: 0 }, data: {} },
        { id: "welcome", type: "message", position: { x: 0, y: 110 }, data: { text: x.welcome } },
        { id: "ask_name", type: "question", position: { x: 0, y: 260 }, data: { text: x.name, variable: "nombre", validation: { kind: "text", min: 2, max: 60 }, errorText: x.nameError } },
        { id: "ask_email", type: "question", position: { x: 0, y: 470 }, data: { text: x.email, variable: "email", validation: { kind: "email" }, errorText: x.emailError } },
        {
          id: "interest",
          type: "buttons",
          position: { x: 0, y: 680 },
          data: { text: x.interest, buttons: x.options.map((title, i) => ({ id: ["pricing", "demo", "other"][i]!, title })), variable: "interes" },
        },
        { id: "tag_source", type: "set_variable", position: { x: 0, y: 930 }, data: { variable: "origen", value: "whatsapp" } },
        {
          id: "to_sales",
          type: "handoff",
          position: { x: 0, y: 1060 },
          data: { queue: queues.sales, text: x.handoff, note: "Lead: {{nombre}} · {{email}} · {{interes}} · {{contact.phone}} ({{origen}})" },
        },
      ],
      edges: [
        { id: "e_start", source: "start", target: "welcome" },
        { id: "e_welcome", source: "welcome", target: "ask_name" },
        { id: "e_name", source: "ask_name", target: "ask_email" },
        { id: "e_email", source: "ask_email", target: "interest" },
        { id: "e_pricing", source: "interest", sourceHandle: "pricing", target: "tag_source" },
        { id: "e_demo", source: "interest", sourceHandle: "demo", target: "tag_source" },
        { id: "e_other", source: "interest", sourceHandle: "other", target: "tag_source" },
        { id: "e_tag", source: "tag_source", target: "to_sales" },
      ],
    };
    return doc;
  },
};
