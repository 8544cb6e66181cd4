import { describe, expect, test } from "vitest";
import { previewCsvAudience } from "@/lib/contacts/campaigns/audience";
import { parseCsv } from "@/lib/contacts/csv-parse";
import { campaignMessageBody, campaignVariables, renderCampaignMessage } from "@/lib/contacts/campaigns/message";
import { e164ToWaId } from "@/lib/contacts/campaigns/phone";
import type { CampaignTemplate } from "@/lib/contacts/campaigns/types";

const components = [
  { type: "HEADER" as const, format: "TEXT" as const, text: "Pedido {{1}}" },
  { type: "BODY" as const, text: "Hola {{1}}, tu pedido {{2}} llega el {{3}}." },
  { type: "BUTTONS" as const, buttons: [{ type: "URL" as const, text: "Seguir", url: "https://shop.example/track/{{1}}" }] },
];
const like = { name: "order_shipped", language: "es", components };
const template: CampaignTemplate = { ...like, category: "UTILITY", parameterFormat: "POSITIONAL", variables: campaignVariables(like) };
const mapping = {
  "header.1": { source: "column" as const, column: "order" },
  "body.1": { source: "field" as const, field: "name" },
  "body.2": { source: "column" as const, column: "order" },
  "body.3": { source: "text" as const, text: "12/12" },
  "button.0.1": { source: "column" as const, column: "order" },
};

describe("campaign audiences", () => {
  test("CSV: quoted fields, doubled quotes, CRLF, ';' from es/pt spreadsheets, blank lines", () => {
    expect(parseCsv('phone,name\r\n+5511999990001,"Silva, Ana"\r\n\r\n+5511999990002,"Dito ""Bené"""\n')).toEqual({
      header: ["phone", "name"],
      rows: [
        { line: 2, cells: ["+5511999990001", "Silva, Ana"] },
        { line: 4, cells: ["+5511999990002", 'Dito "Bené"'] },
      ],
    });
    expect(parseCsv("\ufefftelefone;nome\n+55 11 99999-0001;Ana")).toEqual({ header: ["telefone", "nome"], rows: [{ line: 2, cells: ["+55 11 99999-0001", "Ana"] }] });
  });

  test("E.164: '+', a country code, 8 to 15 digits; what people type around them is ignored", () => {
    expect(e164ToWaId("+55 (11) 99999-0001")).toBe("5511999990001");
    for (const bad of ["5511999990001", "+0511999990001", "+55 11 999", "+551199999000123456", "+55abc99990001", ""]) expect(e164ToWaId(bad)).toBeNull();
  });

  test("the template's variables: header, body and URL button, keyed for the mapping", () => {
    expect(template.variables).toEqual(["header.1", "body.1", "body.2", "body.3", "button.0.1"]);
  });

  test("each row's errors: bad phone, duplicate of an earlier line, missing variable; the rest are ready", () => {
    const csv = ["phone,name,order", "+5511999990001,Ana,A-1", "11999990002,Bruno,A-2", "+55 11 99999-0001,Ana again,A-3", "+5511999990004,Carla,", "+5511999990005,,A-5"].join("\n");
    const { preview, problems } = previewCsvAudience(csv, template, mapping);
    expect(problems).toEqual([]);
    expect(preview).toMatchObject({ total: 5, valid: 1, invalid: 4, columns: ["phone", "name", "order"] });
    const byLine = Object.fromEntries(preview.rows.map((r) => [r.line, r.errors.map((e) => e.code)]));
    expect(byLine).toEqual({ 2: [], 3: ["phone_invalid"], 4: ["duplicate"], 5: ["variable_missing", "variable_missing", "variable_missing"], 6: ["variable_missing"] });
    expect(preview.rows[2]!.errors[0]).toMatchObject({ code: "duplicate", firstLine: 2 });
    expect(preview.rows[0]).toMatchObject({ waId: "5511999990001", name: "Ana", variables: { "header.1": "A-1", "body.1": "Ana", "body.3": "12/12" } });
  });

  test("file and mapping problems: no phone column, unmapped variables, unknown columns, no rows", () => {
    expect(previewCsvAudience("name\nAna", template, mapping).problems.map((p) => p.code)).toEqual(["no_phone_column"]);
    expect(previewCsvAudience("phone\n", template, mapping).problems.map((p) => p.code)).toEqual(["empty"]);
    const { problems } = previewCsvAudience("phone,name\n+5511999990001,Ana", template, { "body.1": { source: "column", column: "nombre" } });
    expect(problems).toEqual([
      expect.objectContaining({ code: "unmapped_variables", variables: ["header.1", "body.2", "body.3", "button.0.1"] }),
      expect.objectContaining({ code: "unknown_columns", columns: ["nombre"] }),
    ]);
  });

  test("a value Meta would refuse is a row error (a line break inside a variable)", () => {
    const { preview } = previewCsvAudience('phone,name,order\n+5511999990001,Ana,"A-1\nA-2"', template, mapping);
    expect(preview.rows[0]!.errors.map((e) => e.code)).toContain("variable_invalid");
  });

  test("the send: header, body and URL button parameters in order; the preview as the customer reads it", () => {
    const values = { "header.1": "A-1", "body.1": "Ana", "body.2": "A-1", "body.3": "12/12", "button.0.1": "A-1" };
    expect(campaignMessageBody("5511999990001", template, values)).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5511999990001",
      type: "template",
      template: {
        name: "order_shipped",
        language: { code: "es" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "A-1" }] },
          { type: "body", parameters: ["Ana", "A-1", "12/12"].map((text) => ({ type: "text", text })) },
          { type: "button", sub_type: "url", index: "0", parameters: [{ type: "text", text: "A-1" }] },
        ],
      },
    });
    expect(renderCampaignMessage(template, values)).toContain("Hola Ana, tu pedido A-1 llega el 12/12.");
  });

  test("a media header from the library: one file for everyone, sent as 'upload this library file, then the template'; only a media header takes one", () => {
    const promoLike = { name: "promo", language: "es", components: [{ type: "HEADER" as const, format: "IMAGE" as const }, { type: "BODY" as const, text: "Hola {{1}}" }] };
    const libraryId = "3f0c2a8e-0000-4000-8000-000000000002";
    const promo: CampaignTemplate = { ...promoLike, category: "MARKETING", parameterFormat: "POSITIONAL", variables: campaignVariables(promoLike), headerLibraryId: libraryId };
    const promoMapping = { "header.image": { source: "library" as const, libraryId }, "body.1": { source: "field" as const, field: "name" } };
    const { preview, problems } = previewCsvAudience("phone,name\n+5511999990001,Ana", promo, promoMapping);
    expect(problems).toEqual([]);
    expect(preview.rows[0]!.errors).toEqual([]);
    expect(campaignMessageBody("5511999990001", promo, preview.rows[0]!.variables)).toEqual({
      send_media: { library_id: libraryId, kind: "image", to: "5511999990001" },
      template_of: {
        messaging_product: "whatsapp",
        recipient_type: "individual",
        to: "5511999990001",
        type: "template",
        template: { name: "promo", language: { code: "es" }, components: [{ type: "header", parameters: [{ type: "image", image: {} }] }, { type: "body", parameters: [{ type: "text", text: "Ana" }] }] },
      },
    });
    const misplaced = previewCsvAudience("phone,name,order\n+5511999990001,Ana,A-1", template, { ...mapping, "body.3": { source: "library", libraryId } });
    expect(misplaced.problems).toEqual([expect.objectContaining({ code: "library_not_media_header", variables: ["body.3"] })]);
  });
});
