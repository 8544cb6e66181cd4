import { describe, expect, test } from "vitest";
import { renderWhatsApp } from "@/lib/flow/render";
import { sendByIdBody } from "@/lib/media/outbound";
import { whatsappBody } from "@/lib/runtime/enqueue";

const TO = "5511999990000";
const LIBRARY_ID = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0a01";
const MEDIA_ID = "0b7a6c52-4f1e-4d6a-9a57-1c1b2f0e0b02";
const buttons = [
  { id: "si", title: "Sí" },
  { id: "no", title: "No" },
];

describe("media headers and library files", () => {
  test("reply buttons with a document header by address: the header is the document, the text header is not sent", () => {
    const body = renderWhatsApp(TO, {
      kind: "buttons",
      text: "¿Quieres el manual?",
      header: "Manual",
      headerMedia: { kind: "document", url: "https://cdn.example.com/manual.pdf", filename: "manual.pdf" },
      buttons,
    });
    expect(body).toMatchObject({
      type: "interactive",
      interactive: { type: "button", header: { type: "document", document: { link: "https://cdn.example.com/manual.pdf", filename: "manual.pdf" } } },
    });
  });

  test("a library file the runtime queued goes as 'upload, then send by id'; the id lands where the message needs it", () => {
    const media = whatsappBody(TO, { kind: "media", media: { kind: "image", url: "", libraryId: LIBRARY_ID, mediaId: MEDIA_ID, caption: "Catálogo" } });
    expect(media).toEqual({ send_media: { media_id: MEDIA_ID, kind: "image", to: TO, caption: "Catálogo" } });
    expect(sendByIdBody(media as never, "WA-1")).toMatchObject({ to: TO, type: "image", image: { id: "WA-1", caption: "Catálogo" } });

    const header = whatsappBody(TO, { kind: "buttons", text: "Elige", headerMedia: { kind: "video", url: "", libraryId: LIBRARY_ID, mediaId: MEDIA_ID }, buttons });
    expect(header).toMatchObject({ send_media: { media_id: MEDIA_ID, kind: "video", to: TO } });
    expect(sendByIdBody(header as never, "WA-2")).toMatchObject({
      to: TO,
      type: "interactive",
      interactive: { type: "button", header: { type: "video", video: { id: "WA-2" } }, body: { text: "Elige" }, action: { buttons: [{ reply: { id: "si" } }, { reply: { id: "no" } }] } },
    });
  });

  test("the editor's preview of a library file shows the library's own file", () => {
    expect(renderWhatsApp(TO, { kind: "media", media: { kind: "image", url: "", libraryId: LIBRARY_ID } })).toMatchObject({
      image: { link: `/api/media-library/${LIBRARY_ID}/file` },
    });
  });
});
