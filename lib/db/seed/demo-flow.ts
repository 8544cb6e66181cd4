import type { FlowDocument } from "@/lib/flow/schema";

/**
 * The demo menu of a Latin American store: welcome buttons → topic list → order-number question
 * → handoff. A customer who quotes one of their earlier protocols is offered to continue that
 * case, back in its queue and, when available, with the agent who served it.
 */
export function demoFlowDocument(): FlowDocument {
  return {
    schemaVersion: 1,
    settings: {
      sessionTimeoutMinutes: 30,
      invalidInputMessage: "No entendí. Elige una de las opciones, por favor.",
      maxInvalidAttempts: 2,
      globalKeywords: [
        { keywords: ["menu", "inicio"], action: "restart" },
        { keywords: ["agente", "humano", "persona"], action: "handoff", queue: "soporte" },
      ],
    },
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      {
        id: "returning",
        type: "condition",
        position: { x: 320, y: 0 },
        data: { rules: [{ id: "quoted", variable: "quotedProtocol", operator: "is_set" }] },
      },
      {
        id: "returning_menu",
        type: "buttons",
        position: { x: 640, y: 120 },
        data: {
          text: "¡Hola de nuevo, {{contact.name}}! Escribes por el protocolo {{quotedProtocol}}. ¿Seguimos con ese caso?",
          buttons: [
            { id: "continuar", title: "Seguir ese caso" },
            { id: "asesor", title: "Hablar con asesor" },
            { id: "menu", title: "Ver el menú" },
          ],
        },
      },
      {
        id: "back_to_case",
        type: "handoff",
        position: { x: 640, y: 340 },
        data: {
          queue: "soporte",
          returnToQuoted: true,
          text: "Retomamos tu caso {{quotedProtocol}}: te atenderá una persona en breve. Tu nuevo protocolo es {{protocol}}.",
          outsideHoursText: "Retomamos tu caso {{quotedProtocol}}: te atenderá una persona apenas abramos. Tu nuevo protocolo es {{protocol}}.",
        },
      },
      {
        id: "welcome",
        type: "buttons",
        position: { x: 0, y: 120 },
        data: {
          header: "Tienda Aurora",
          text: "¡Hola {{contact.name}}! 👋 Soy el asistente virtual de Tienda Aurora. ¿En qué te podemos ayudar hoy?",
          footer: "Escribe «agente» para hablar con una persona",
          buttons: [
            { id: "pedidos", title: "Mis pedidos" },
            { id: "horarios", title: "Horarios y tiendas" },
            { id: "asesor", title: "Hablar con asesor" },
          ],
        },
      },
      {
        id: "topics",
        type: "list",
        position: { x: -320, y: 340 },
        data: {
          text: "Elige el tema de tu consulta:",
          buttonLabel: "Ver temas",
          sections: [
            {
              title: "Pedidos",
              rows: [
                { id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra y cuándo llega" },
                { id: "cambios", title: "Cambios y devoluciones", description: "Plazos y cómo devolver un producto" },
                { id: "factura", title: "Facturación", description: "Boletas, facturas y medios de pago" },
              ],
            },
          ],
        },
      },
      {
        id: "order_number",
        type: "question",
        position: { x: -560, y: 580 },
        data: {
          text: "Por favor, escribe tu número de pedido (solo números, por ejemplo 48213).",
          variable: "pedido",
          validation: { kind: "regex", pattern: "^[0-9]{4,10}$" },
          errorText: "Ese número no parece válido. Escribe solo los dígitos de tu pedido, por ejemplo 48213.",
        },
      },
      {
        id: "order_ack",
        type: "message",
        position: { x: -560, y: 780 },
        data: { text: "Gracias. Un asesor revisará el pedido n.º {{pedido}} y te responderá por aquí." },
      },
      {
        id: "returns_info",
        type: "message",
        position: { x: -280, y: 580 },
        data: {
          text: "Tienes 30 días para cambios y devoluciones. Lleva el producto con su boleta a cualquier tienda o escríbenos aquí.",
        },
      },
      {
        id: "billing_info",
        type: "message",
        position: { x: 0, y: 580 },
        data: { text: "Tus boletas y facturas llegan a tu correo. Si necesitas una factura a nombre de empresa, un asesor te ayuda." },
      },
      {
        id: "hours_info",
        type: "end",
        position: { x: 260, y: 340 },
        data: {
          text: "Atendemos de lunes a viernes de 9:00 a 18:00 y los sábados de 9:00 a 13:00. Escribe «menú» cuando quieras volver a empezar.",
        },
      },
      {
        id: "human",
        type: "handoff",
        position: { x: -280, y: 980 },
        data: {
          queue: "soporte",
          text: "Te atenderá una persona en breve. Tu protocolo es {{protocol}}.",
          // Outside business hours the workspace's "we are closed" message follows this one.
          outsideHoursText: "Te atenderá una persona apenas abramos. Tu protocolo es {{protocol}}.",
        },
      },
      { id: "bye", type: "end", position: { x: -280, y: 780 }, data: { text: "¡Gracias por escribirnos! Que tengas un buen día." } },
    ],
    edges: [
      { id: "e-start", source: "start", target: "returning" },
      { id: "e-returning", source: "returning", sourceHandle: "quoted", target: "returning_menu" },
      { id: "e-not-returning", source: "returning", sourceHandle: "else", target: "welcome" },
      { id: "e-continue", source: "returning_menu", sourceHandle: "continuar", target: "back_to_case" },
      { id: "e-returning-asesor", source: "returning_menu", sourceHandle: "asesor", target: "human" },
      { id: "e-returning-menu", source: "returning_menu", sourceHandle: "menu", target: "welcome" },
      { id: "e-returning-invalid", source: "returning_menu", sourceHandle: "invalid", target: "welcome" },
      { id: "e-pedidos", source: "welcome", sourceHandle: "pedidos", target: "topics" },
      { id: "e-horarios", source: "welcome", sourceHandle: "horarios", target: "hours_info" },
      { id: "e-asesor", source: "welcome", sourceHandle: "asesor", target: "human" },
      { id: "e-welcome-invalid", source: "welcome", sourceHandle: "invalid", target: "human" },
      { id: "e-estado", source: "topics", sourceHandle: "estado", target: "order_number" },
      { id: "e-cambios", source: "topics", sourceHandle: "cambios", target: "returns_info" },
      { id: "e-factura", source: "topics", sourceHandle: "factura", target: "billing_info" },
      { id: "e-order", source: "order_number", target: "order_ack" },
      { id: "e-order-invalid", source: "order_number", sourceHandle: "invalid", target: "human" },
      { id: "e-order-ack", source: "order_ack", target: "human" },
      { id: "e-returns", source: "returns_info", target: "bye" },
      { id: "e-billing", source: "billing_info", target: "human" },
    ],
  } as FlowDocument;
}
