import { describe, expect, test } from "vitest";
import {
  buildTemplateMessage,
  checkTemplateParameters,
  metaTemplatePageSchema,
  renderTemplatePreview,
  templateContent,
  templatePreview,
  templateVariables,
  type TemplateLike,
} from "@/lib/contacts/templates";
import { replySchema } from "@/lib/desk/schemas";

/** As Meta lists it: text header with a variable, body with two, footer, URL button with a suffix, quick reply, phone. */
const orderShipped: TemplateLike = {
  name: "order_shipped",
  language: "es",
  components: [
    { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#4821"] } },
    { type: "BODY", text: "Hola {{1}}, tu pedido salió hoy y llega el {{2}}.", example: { body_text: [["Ana", "12/12"]] } },
    { type: "FOOTER", text: "Tienda Aurora" },
    {
      type: "BUTTONS",
      buttons: [
        { type: "QUICK_REPLY", text: "Gracias" },
        { type: "URL", text: "Seguir envío", url: "https://aurora.example/track/{{1}}", example: ["https://aurora.example/track/4821"] },
        { type: "PHONE_NUMBER", text: "Llamar", phone_number: "+5511999990000" },
      ],
    },
  ],
};

const promo: TemplateLike = {
  name: "promo_verano",
  language: "pt_BR",
  components: [
    { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://scontent.example/h.jpg"] } },
    { type: "BODY", text: "Oi {{1}}! 20% de desconto até domingo." },
  ],
};

const plain: TemplateLike = { name: "hello_world", language: "en_US", components: [{ type: "BODY", text: "Hello World" }] };

describe("template variables", () => {
  test("per component: header text variable, body variables, URL button suffix by index", () => {
    expect(templateVariables(orderShipped)).toEqual({
      header: { format: "text", variables: ["1"] },
      body: ["1", "2"],
      buttons: [{ index: 1, subType: "url", text: "Seguir envío", url: "https://aurora.example/track/{{1}}", variables: ["1"] }],
      named: false,
    });
  });
  test("a media header is its kind; positional variables count up to the highest one", () => {
    expect(templateVariables(promo).header).toEqual({ format: "media", kind: "image" });
    const gap: TemplateLike = { name: "x", language: "es", components: [{ type: "BODY", text: "{{1}} y {{3}} y {{1}}" }] };
    expect(templateVariables(gap).body).toEqual(["1", "2", "3"]);
    expect(templateVariables(plain)).toMatchObject({ header: null, body: [], buttons: [] });
  });
  test("named parameters: each name once, in order", () => {
    const named: TemplateLike = { name: "x", language: "en", parameterFormat: "NAMED", components: [{ type: "BODY", text: "Hi {{first_name}}, order {{order_id}} for {{first_name}}" }] };
    expect(templateVariables(named)).toMatchObject({ body: ["first_name", "order_id"], named: true });
    expect(buildTemplateMessage(named, { body: ["Ana", "42"] }).components).toEqual([
      { type: "body", parameters: [{ type: "text", text: "Ana", parameter_name: "first_name" }, { type: "text", text: "42", parameter_name: "order_id" }] },
    ]);
  });
});

describe("checking parameters", () => {
  const complete = { header: { text: "#4821" }, body: ["Ana", "12/12"], buttons: [{ index: 1, text: "4821" }] };

  test("a complete set has no problem", () => {
    expect(checkTemplateParameters(orderShipped, complete)).toEqual([]);
    expect(checkTemplateParameters(plain, { body: [] })).toEqual([]);
    expect(checkTemplateParameters(promo, { header: { kind: "image", url: "https://cdn.example/p.jpg" }, body: ["Ana"] })).toEqual([]);
  });

  test("every missing variable is named: header, body and button", () => {
    const problems = checkTemplateParameters(orderShipped, { body: ["Ana"] });
    expect(problems.map((p) => [p.path, p.variable, p.code])).toEqual([
      ["header", "{{1}}", "missing"],
      ["body.1", "{{2}}", "missing"],
      ["buttons.1", "{{1}}", "missing"],
    ]);
    expect(problems[1]!.message).toBe("Body variable {{2}} is missing");
    expect(problems[2]!.message).toContain('Button "Seguir envío"');
  });

  test("too many parameters: the surplus ones are named", () => {
    const problems = checkTemplateParameters(plain, { body: ["a", "b"], header: { text: "x" }, buttons: [{ index: 0, text: "y" }] });
    expect(problems.map((p) => [p.path, p.variable, p.code])).toEqual([
      ["header", "header", "unexpected"],
      ["body.0", "{{1}}", "unexpected"],
      ["body.1", "{{2}}", "unexpected"],
      ["buttons.0", "button 0", "unexpected"],
    ]);
  });

  test("the media kind of the header is checked", () => {
    const wrong = checkTemplateParameters(promo, { header: { kind: "video", url: "https://cdn.example/v.mp4" }, body: ["Ana"] });
    expect(wrong).toEqual([{ path: "header", variable: "{{image}}", code: "media_kind", message: "The header needs an image, not a video" }]);
    expect(checkTemplateParameters(promo, { header: { text: "hola" }, body: ["Ana"] })[0]).toMatchObject({ code: "media_kind" });
    expect(checkTemplateParameters(promo, { body: ["Ana"] })[0]).toMatchObject({ code: "missing", message: "The header needs an image" });
    expect(checkTemplateParameters(orderShipped, { ...complete, header: { kind: "image", url: "https://x.example/a.jpg" } })[0]).toMatchObject({ path: "header", code: "media_kind" });
  });

  test("blank values and WhatsApp's forbidden spacing are refused", () => {
    expect(checkTemplateParameters(orderShipped, { ...complete, body: ["  ", "12/12"] })[0]).toMatchObject({ path: "body.0", code: "missing" });
    expect(checkTemplateParameters(orderShipped, { ...complete, body: ["Ana\nMaría", "12/12"] })[0]).toMatchObject({ path: "body.0", code: "invalid" });
    expect(checkTemplateParameters(orderShipped, { ...complete, body: ["Ana     María", "12/12"] })[0]).toMatchObject({ code: "invalid" });
  });
});

describe("building the send", () => {
  test("header, body and URL button components in Meta's send shape", () => {
    expect(buildTemplateMessage(orderShipped, { header: { text: "#4821" }, body: ["Ana", "12/12"], buttons: [{ index: 1, text: "4821" }] })).toEqual({
      name: "order_shipped",
      language: { code: "es" },
      components: [
        { type: "header", parameters: [{ type: "text", text: "#4821" }] },
        { type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "12/12" }] },
        { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "4821" }] },
      ],
    });
  });
  test("media headers by link or by id; documents keep their file name", () => {
    expect(buildTemplateMessage(promo, { header: { kind: "image", url: "https://cdn.example/p.jpg" }, body: ["Ana"] }).components![0]).toEqual({
      type: "header",
      parameters: [{ type: "image", image: { link: "https://cdn.example/p.jpg" } }],
    });
    const invoice: TemplateLike = { name: "invoice", language: "en", components: [{ type: "HEADER", format: "DOCUMENT" }, { type: "BODY", text: "Your invoice" }] };
    expect(buildTemplateMessage(invoice, { header: { kind: "document", mediaId: "998877", filename: "factura.pdf" }, body: [] }).components).toEqual([
      { type: "header", parameters: [{ type: "document", document: { id: "998877", filename: "factura.pdf" } }] },
    ]);
  });
  test("a media library file header: an empty media object for the sender to fill, carried as headerMedia; given two ways it is refused", () => {
    const libraryId = "3f0c2a8e-0000-4000-8000-000000000001";
    const content = templateContent(promo, { header: { kind: "image", libraryId }, body: ["Ana"] });
    expect(content.template!.components![0]).toEqual({ type: "header", parameters: [{ type: "image", image: {} }] });
    expect(content.headerMedia).toEqual({ kind: "image", url: "", libraryId });
    expect(templateContent(promo, { header: { kind: "image", url: "https://cdn.example/p.jpg" }, body: ["Ana"] }).headerMedia).toBeUndefined();
    expect(checkTemplateParameters(promo, { header: { kind: "image", libraryId }, body: ["Ana"] })).toEqual([]);
    expect(checkTemplateParameters(promo, { header: { kind: "image", libraryId, url: "https://cdn.example/p.jpg" }, body: ["Ana"] })).toMatchObject([{ path: "header", code: "invalid" }]);
  });
  test("a template without variables is sent without components", () => {
    expect(buildTemplateMessage(plain, { body: [] })).toEqual({ name: "hello_world", language: { code: "en_US" } });
  });
  test("the outgoing content carries the payload, the preview and the category", () => {
    const content = templateContent({ ...promo, id: "t1", category: "MARKETING" }, { header: { kind: "image", url: "https://cdn.example/p.jpg" }, body: ["Ana"] });
    expect(content).toMatchObject({ kind: "template", name: "promo_verano", language: "pt_BR", category: "MARKETING", templateId: "t1", preview: "[Image]\nOi Ana! 20% de desconto até domingo." });
    expect(content.template!.components).toHaveLength(2);
  });
});

describe("preview", () => {
  test("filled where given, placeholders where not, buttons listed", () => {
    expect(renderTemplatePreview(orderShipped, { header: { text: "#4821" }, body: ["Ana"] })).toBe(
      "*Pedido #4821*\nHola Ana, tu pedido salió hoy y llega el {{2}}.\n_Tienda Aurora_\n[Gracias] [Seguir envío] [Llamar]",
    );
    const parts = templatePreview(orderShipped, { buttons: [{ index: 1, text: "4821" }] });
    expect(parts.buttons).toEqual([
      { type: "quick_reply", text: "Gracias" },
      { type: "url", text: "Seguir envío", url: "https://aurora.example/track/4821" },
      { type: "phone_number", text: "Llamar", phoneNumber: "+5511999990000" },
    ]);
  });
});

describe("Meta's list", () => {
  test("a page parses, unknown fields and component kinds are kept", () => {
    const page = metaTemplatePageSchema.parse({
      data: [
        { id: "1", name: "order_shipped", language: "es", status: "APPROVED", category: "UTILITY", components: orderShipped.components, sub_category: "ORDER_DETAILS" },
        { id: "2", name: "carousel", language: "en", status: "REJECTED", category: "MARKETING", rejected_reason: "INVALID_FORMAT", components: [{ type: "CAROUSEL", cards: [] }] },
      ],
      paging: { cursors: { before: "b", after: "a" }, next: "https://graph.example/next" },
    });
    expect(page.data[0]).toMatchObject({ sub_category: "ORDER_DETAILS" });
    expect(page.data[1]!.components[0]).toEqual({ type: "CAROUSEL", cards: [] });
    expect(page.paging?.cursors?.after).toBe("a");
  });
});

describe("the desk's reply body", () => {
  test("a bare parameter list is the body's parameters", () => {
    const parsed = replySchema.parse({ kind: "template", templateId: "0f8fad5b-d9cb-469f-a165-70867728950e", parameters: ["Ana"] });
    expect(parsed).toEqual({ kind: "template", templateId: "0f8fad5b-d9cb-469f-a165-70867728950e", params: { body: ["Ana"] } });
  });
});
