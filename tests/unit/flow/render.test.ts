import { describe, expect, test } from "vitest";
import { clampText, renderMarkAsRead, renderTemplateMessage, renderWhatsApp } from "@/lib/flow/render";

const TO = "5511987654321";
const base = { messaging_product: "whatsapp", recipient_type: "individual", to: TO };

describe("renderWhatsApp", () => {
  test("text", () => {
    expect(renderWhatsApp(TO, { kind: "text", text: "Hola" })).toEqual({
      ...base,
      type: "text",
      text: { body: "Hola", preview_url: false },
    });
  });

  test("image and video by link, with caption", () => {
    expect(renderWhatsApp(TO, { kind: "media", media: { kind: "image", url: "https://x.test/a.jpg", caption: "Foto" } })).toEqual({
      ...base,
      type: "image",
      image: { link: "https://x.test/a.jpg", caption: "Foto" },
    });
    expect(renderWhatsApp(TO, { kind: "media", media: { kind: "video", url: "https://x.test/a.mp4" } })).toEqual({
      ...base,
      type: "video",
      video: { link: "https://x.test/a.mp4" },
    });
  });

  test("audio never carries a caption", () => {
    expect(renderWhatsApp(TO, { kind: "media", media: { kind: "audio", url: "https://x.test/a.ogg", caption: "no" } })).toEqual({
      ...base,
      type: "audio",
      audio: { link: "https://x.test/a.ogg" },
    });
  });

  test("document with filename and caption", () => {
    expect(
      renderWhatsApp(TO, { kind: "media", media: { kind: "document", url: "https://x.test/b.pdf", caption: "Boleto", filename: "boleto.pdf" } }),
    ).toEqual({ ...base, type: "document", document: { link: "https://x.test/b.pdf", caption: "Boleto", filename: "boleto.pdf" } });
  });

  test("reply buttons with header and footer", () => {
    const body = renderWhatsApp(TO, {
      kind: "buttons",
      text: "¿En qué te ayudamos?",
      header: "Atendo",
      footer: "Elige una opción",
      buttons: [
        { id: "ventas", title: "Ventas" },
        { id: "soporte", title: "Soporte" },
      ],
    });
    expect(body).toEqual({
      ...base,
      type: "interactive",
      interactive: {
        type: "button",
        header: { type: "text", text: "Atendo" },
        body: { text: "¿En qué te ayudamos?" },
        footer: { text: "Elige una opción" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "ventas", title: "Ventas" } },
            { type: "reply", reply: { id: "soporte", title: "Soporte" } },
          ],
        },
      },
    });
    expect(JSON.stringify(body)).toBe(
      '{"messaging_product":"whatsapp","recipient_type":"individual","to":"5511987654321","type":"interactive","interactive":{"type":"button","header":{"type":"text","text":"Atendo"},"body":{"text":"¿En qué te ayudamos?"},"footer":{"text":"Elige una opción"},"action":{"buttons":[{"type":"reply","reply":{"id":"ventas","title":"Ventas"}},{"type":"reply","reply":{"id":"soporte","title":"Soporte"}}]}}}',
    );
  });

  test("buttons without header/footer omit them", () => {
    const body = renderWhatsApp(TO, { kind: "buttons", text: "?", buttons: [{ id: "a", title: "A" }] });
    expect(body).toEqual({
      ...base,
      type: "interactive",
      interactive: { type: "button", body: { text: "?" }, action: { buttons: [{ type: "reply", reply: { id: "a", title: "A" } }] } },
    });
  });

  test("list with sections, optional titles and descriptions", () => {
    const body = renderWhatsApp(TO, {
      kind: "list",
      text: "Elige un tema",
      header: "Ayuda",
      buttonLabel: "Ver temas",
      sections: [
        { title: "Hogar", rows: [{ id: "internet", title: "Internet", description: "Fibra" }, { id: "tv", title: "TV" }] },
        { title: "Móvil", rows: [{ id: "plan", title: "Plan" }] },
      ],
    });
    expect(body).toEqual({
      ...base,
      type: "interactive",
      interactive: {
        type: "list",
        header: { type: "text", text: "Ayuda" },
        body: { text: "Elige un tema" },
        action: {
          button: "Ver temas",
          sections: [
            { title: "Hogar", rows: [{ id: "internet", title: "Internet", description: "Fibra" }, { id: "tv", title: "TV" }] },
            { title: "Móvil", rows: [{ id: "plan", title: "Plan" }] },
          ],
        },
      },
    });
    const single = renderWhatsApp(TO, { kind: "list", text: "x", buttonLabel: "Ver", sections: [{ rows: [{ id: "a", title: "A" }] }] });
    expect(single).toMatchObject({ interactive: { action: { sections: [{ rows: [{ id: "a", title: "A" }] }] } } });
    expect((single as { interactive: { action: { sections: object[] } } }).interactive.action.sections[0]).not.toHaveProperty("title");
  });

  test("texts that grew past a limit through templates are clamped", () => {
    const body = renderWhatsApp(TO, {
      kind: "buttons",
      text: "a".repeat(2000),
      footer: "f".repeat(100),
      buttons: [{ id: "a", title: "t".repeat(30) }],
    }) as { interactive: { body: { text: string }; footer: { text: string }; action: { buttons: { reply: { title: string } }[] } } };
    expect([...body.interactive.body.text]).toHaveLength(1024);
    expect(body.interactive.body.text.endsWith("…")).toBe(true);
    expect(body.interactive.footer.text).toHaveLength(60);
    expect(body.interactive.action.buttons[0].reply.title).toHaveLength(20);
  });

  test("clampText counts code points and leaves short text alone", () => {
    expect(clampText("hola", 10)).toBe("hola");
    expect(clampText("😀😀😀", 3)).toBe("😀😀😀");
    expect(clampText("😀😀😀😀", 3)).toBe("😀😀…");
  });
});

test("template message", () => {
  expect(renderTemplateMessage(TO, { name: "retomar_conversa", language: { code: "pt_BR" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "20250305-000001" }] }] })).toEqual({
    ...base,
    type: "template",
    template: {
      name: "retomar_conversa",
      language: { code: "pt_BR" },
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: "20250305-000001" },
          ],
        },
      ],
    },
  });
  expect(renderTemplateMessage(TO, { name: "hello_world", language: { code: "en_US" } })).toEqual({
    ...base,
    type: "template",
    template: { name: "hello_world", language: { code: "en_US" } },
  });
});

test("mark as read, with and without the typing indicator", () => {
  expect(renderMarkAsRead("wamid.IN1")).toEqual({ messaging_product: "whatsapp", status: "read", message_id: "wamid.IN1" });
  expect(renderMarkAsRead("wamid.IN1", true)).toEqual({
    messaging_product: "whatsapp",
    status: "read",
    message_id: "wamid.IN1",
    typing_indicator: { type: "text" },
  });
});
