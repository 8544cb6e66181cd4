import { describe, expect, test } from "vitest";
import { renderTemplateMessage, renderWhatsApp } from "@/lib/flow/render";
import { chatPreview, webhookMessageToChatMessage, whatsappRequestToChatMessage } from "@/lib/sandbox/to-chat-message";

const meta = { id: "wamid.X", time: "2025-05-01T12:00:00.000Z" };

describe("WhatsApp request bodies as chat bubbles", () => {
  test("buttons keep header, body, footer and every reply", () => {
    const body = renderWhatsApp("5511987654321", {
      kind: "buttons",
      header: "Tienda Aurora",
      text: "¿En qué te ayudamos?",
      footer: "Escribe «agente»",
      buttons: [
        { id: "pedidos", title: "Mis pedidos" },
        { id: "asesor", title: "Hablar con asesor" },
      ],
    });
    expect(whatsappRequestToChatMessage(body, meta)).toEqual({
      ...meta,
      from: "business",
      kind: "buttons",
      header: "Tienda Aurora",
      text: "¿En qué te ayudamos?",
      footer: "Escribe «agente»",
      buttons: [
        { id: "pedidos", title: "Mis pedidos" },
        { id: "asesor", title: "Hablar con asesor" },
      ],
    });
  });

  test("lists keep the button label, sections and rows", () => {
    const body = renderWhatsApp("5511987654321", {
      kind: "list",
      text: "Elige el tema",
      buttonLabel: "Ver temas",
      sections: [{ title: "Pedidos", rows: [{ id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" }, { id: "factura", title: "Facturación" }] }],
    });
    expect(whatsappRequestToChatMessage(body, meta)).toMatchObject({
      kind: "list",
      text: "Elige el tema",
      list: { buttonLabel: "Ver temas", sections: [{ title: "Pedidos", rows: [{ id: "estado", title: "Estado de mi pedido", description: "Dónde está mi compra" }, { id: "factura", title: "Facturación" }] }] },
    });
  });

  test("media by link, text and templates", () => {
    const image = renderWhatsApp("1", { kind: "media", media: { kind: "image", url: "https://example.com/a.jpg", caption: "Nuevo" } });
    expect(whatsappRequestToChatMessage(image, meta)).toMatchObject({ kind: "media", text: "Nuevo", media: { kind: "image", url: "https://example.com/a.jpg", caption: "Nuevo" } });
    const doc = renderWhatsApp("1", { kind: "media", media: { kind: "document", url: "https://example.com/c.pdf", filename: "catalogo.pdf" } });
    expect(whatsappRequestToChatMessage(doc, meta)).toMatchObject({ kind: "media", media: { kind: "document", filename: "catalogo.pdf" } });
    expect(whatsappRequestToChatMessage(renderWhatsApp("1", { kind: "text", text: "Hola" }), meta)).toMatchObject({ kind: "text", text: "Hola" });
    const template = renderTemplateMessage("1", { name: "seguimiento", language: { code: "es" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "20250501-000001" }] }] });
    expect(whatsappRequestToChatMessage(template, meta)).toMatchObject({ kind: "template", templateName: "seguimiento", text: "Ana · 20250501-000001" });
    // As the sandbox stored it, with the approved template's components: shown as WhatsApp shows it.
    const stored = {
      ...template,
      sandbox_template: {
        components: [
          { type: "HEADER", format: "TEXT", text: "Pedido {{1}}" },
          { type: "BODY", text: "Hola {{1}}, código {{2}}" },
          { type: "FOOTER", text: "Tienda Aurora" },
          { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Gracias" }, { type: "URL", text: "Ver", url: "https://x.example/{{1}}" }] },
        ],
      },
    };
    expect(whatsappRequestToChatMessage(stored, meta)).toMatchObject({
      kind: "template",
      header: "Pedido {{1}}",
      text: "Hola Ana, código 20250501-000001",
      footer: "Tienda Aurora",
      buttons: [{ id: "Gracias", title: "Gracias" }],
      links: [{ title: "Ver", url: "https://x.example/{{1}}" }],
    });
  });

  test("an unknown or broken body is a readable bubble, never a crash", () => {
    expect(whatsappRequestToChatMessage({ type: "hologram" }, meta)).toMatchObject({ kind: "text", text: "[hologram]" });
    expect(whatsappRequestToChatMessage({ type: "interactive", interactive: null } as never, meta)).toMatchObject({ kind: "text" });
  });
});

describe("webhook messages as the customer's bubbles", () => {
  test("replies show their title; media and locations their kind", () => {
    const reply = { from: "1", id: "wamid.A", timestamp: "1714510003", type: "interactive", interactive: { type: "button_reply", button_reply: { id: "soporte", title: "Soporte" } } };
    expect(webhookMessageToChatMessage(reply, { ...meta, status: "read", quote: "¿En qué te ayudamos?" })).toMatchObject({ from: "customer", kind: "text", text: "Soporte", status: "read", quote: "¿En qué te ayudamos?" });
    const location = { from: "1", id: "wamid.B", timestamp: "1", type: "location", location: { latitude: -23.5, longitude: -46.6, name: "Paulista" } };
    expect(webhookMessageToChatMessage(location, meta)).toMatchObject({ kind: "media", media: { kind: "location", latitude: -23.5, name: "Paulista" } });
    const sticker = webhookMessageToChatMessage({ type: "sticker", sticker: { id: "1" } }, meta);
    expect(chatPreview(sticker)).toBe("[sticker]");
  });
});
