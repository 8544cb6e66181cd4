import { describe, expect, test } from "vitest";
import { isStoredMediaSend, sendByIdBody, takesCaption, type StoredMediaSend } from "@/lib/media/outbound";

const row = (send: StoredMediaSend["send_media"]): StoredMediaSend => ({ send_media: send });
const id = "00000000-0000-4000-8000-000000000001";

describe("a stored file sent by the id of its upload", () => {
  test("an image with its caption", () => {
    expect(sendByIdBody(row({ media_id: id, kind: "image", to: "5491100000000", caption: "Hola" }), "9876")).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "5491100000000",
      type: "image",
      image: { id: "9876", caption: "Hola" },
    });
  });

  test("a document keeps its filename; audio and stickers never carry a caption", () => {
    expect(sendByIdBody(row({ media_id: id, kind: "document", to: "1", caption: "Factura", filename: "f.pdf" }), "1").document).toEqual({ id: "1", caption: "Factura", filename: "f.pdf" });
    expect(sendByIdBody(row({ media_id: id, kind: "audio", to: "1", caption: "x" }), "2").audio).toEqual({ id: "2" });
    expect(sendByIdBody(row({ media_id: id, kind: "sticker", to: "1", caption: "x", filename: "s.webp" }), "3").sticker).toEqual({ id: "3" });
    expect(sendByIdBody(row({ media_id: id, kind: "video", to: "1", filename: "v.mp4" }), "4").video).toEqual({ id: "4" });
    expect(takesCaption("image")).toBe(true);
    expect(takesCaption("audio")).toBe(false);
    expect(takesCaption("sticker")).toBe(false);
  });

  test("a template whose media header is the file: the upload's id in the header's parameter, its filename kept, nothing else changed", () => {
    const template = {
      messaging_product: "whatsapp",
      to: "1",
      type: "template",
      template: {
        name: "manual",
        language: { code: "es" },
        components: [
          { type: "header", parameters: [{ type: "document", document: { filename: "manual.pdf" } }] },
          { type: "body", parameters: [{ type: "text", text: "Ana" }] },
        ],
      },
    };
    const body = sendByIdBody({ send_media: { library_id: id, kind: "document", to: "1" }, template_of: template }, "5555");
    expect(body).toEqual({
      ...template,
      template: {
        ...template.template,
        components: [
          { type: "header", parameters: [{ type: "document", document: { filename: "manual.pdf", id: "5555" } }] },
          { type: "body", parameters: [{ type: "text", text: "Ana" }] },
        ],
      },
    });
  });

  test("only such rows are recognised (Graph bodies and null are not)", () => {
    expect(isStoredMediaSend(row({ media_id: id, kind: "image", to: "1" }))).toBe(true);
    expect(isStoredMediaSend({ messaging_product: "whatsapp", type: "image", image: { link: "https://x" } })).toBe(false);
    expect(isStoredMediaSend(null)).toBe(false);
  });
});
