import { describe, expect, test } from "vitest";
import { contactsOf, locationOf, mapUrl, telHref } from "@/components/media/payload";
import { buildCustomerMessage } from "@/lib/sandbox/envelope";
import { parseRange } from "@/lib/sandbox/serve-media";
import { webhookMessageToChatMessage } from "@/lib/sandbox/to-chat-message";
import { checkMediaFile, formatLimit, mediaKindOf, refusalMessage, typeLabel } from "@/lib/whatsapp/media-limits";

const MB = 1024 * 1024;

describe("WhatsApp's media limits", () => {
  test.each([
    ["image/jpeg", "image"],
    ["image/png", "image"],
    ["image/webp", "sticker"],
    ["audio/ogg; codecs=opus", "audio"],
    ["video/mp4", "video"],
    ["application/pdf", "document"],
    ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"],
    ["image/svg+xml", null],
    ["text/html", null],
    ["image/gif", null],
    ["", null],
  ])("%s is %s", (type, kind) => {
    expect(mediaKindOf(type)).toBe(kind);
  });

  test("sizes are checked per kind, at the limit inclusive", () => {
    expect(checkMediaFile({ type: "image/png", size: 5 * MB })).toEqual({ ok: true, kind: "image" });
    expect(checkMediaFile({ type: "video/mp4", size: 16 * MB + 1 })).toMatchObject({ ok: false, refusal: { code: "too_large", kind: "video", max: 16 * MB } });
    expect(checkMediaFile({ type: "application/pdf", size: 100 * MB })).toEqual({ ok: true, kind: "document" });
    expect(checkMediaFile({ type: "image/webp", size: 500 * 1024 + 1 })).toMatchObject({ ok: false, refusal: { code: "too_large", kind: "sticker" } });
  });

  test("the refusal reads like the issue asks", () => {
    const check = checkMediaFile({ type: "image/png", size: 6 * MB });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(refusalMessage(check.refusal)).toBe("PNG over 5 MB: WhatsApp refuses images over 5 MB");
    const html = checkMediaFile({ type: "text/html", size: 10 });
    if (!html.ok) expect(refusalMessage(html.refusal)).toBe("WhatsApp does not accept files of type text/html");
    expect(formatLimit(500 * 1024)).toBe("500 KB");
    expect(typeLabel("application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toBe("DOCX");
  });
});

describe("the simulated customer's media webhook", () => {
  test("carries Meta's fields: id, mime_type, base64 sha256, caption, filename for documents, voice for audio", () => {
    const file = { type: "file" as const, id: "1234567890123456", mimeType: "application/pdf", sha256: "q83vEjRWeJA=", caption: "Factura", filename: "f.pdf" };
    expect(buildCustomerMessage({ ...file, kind: "document" }, { from: "5511999999999" })).toMatchObject({
      type: "document",
      document: { id: file.id, mime_type: "application/pdf", sha256: file.sha256, caption: "Factura", filename: "f.pdf" },
    });
    const image = buildCustomerMessage({ ...file, kind: "image", mimeType: "image/png" }, { from: "5511999999999" });
    expect(image.image).not.toHaveProperty("filename");
    const voice = buildCustomerMessage({ ...file, kind: "audio", mimeType: "audio/ogg", voice: true }, { from: "5511999999999" });
    expect(voice.audio).toEqual({ id: file.id, mime_type: "audio/ogg", sha256: file.sha256, voice: true });
    expect(webhookMessageToChatMessage(voice, { id: "w", time: "2026-01-01T00:00:00Z" }).media).toEqual({ kind: "audio", voice: true });
  });
});

describe("byte ranges", () => {
  test.each([
    [null, null],
    ["bytes=0-3", { start: 0, end: 3 }],
    ["bytes=5-", { start: 5, end: 9 }],
    ["bytes=-4", { start: 6, end: 9 }],
    ["bytes=8-100", { start: 8, end: 9 }],
    ["bytes=10-", "unsatisfiable"],
    ["bytes=0-1,3-4", null],
    ["items=0-1", null],
  ])("%s of 10 bytes → %j", (header, expected) => {
    expect(parseRange(header, 10)).toEqual(expected);
  });
});

describe("location and contacts in the desk", () => {
  test("a location links to the map only with valid coordinates", () => {
    const location = locationOf({ type: "location", location: { latitude: -23.5614, longitude: -46.6559, name: "Av. Paulista, 1578", address: "São Paulo" } })!;
    expect(location).toEqual({ latitude: -23.5614, longitude: -46.6559, name: "Av. Paulista, 1578", address: "São Paulo" });
    expect(mapUrl(location)).toBe("https://www.google.com/maps?q=-23.5614,-46.6559");
    expect(mapUrl({ ...location, latitude: 91 })).toBeNull();
    expect(locationOf({ type: "text" })).toBeNull();
  });

  test("contacts keep each name with its numbers", () => {
    const payload = {
      contacts: [
        { name: { formatted_name: "Ana Souza", first_name: "Ana" }, phones: [{ phone: "+55 11 98765-4321", wa_id: "5511987654321", type: "CELL" }] },
        { name: { first_name: "Luis", last_name: "Paz" }, phones: [] },
        { phones: [{ wa_id: "5491100000000" }] },
        "garbage",
      ],
    };
    expect(contactsOf(payload)).toEqual([
      { name: "Ana Souza", phones: [{ phone: "+55 11 98765-4321", type: "CELL" }] },
      { name: "Luis Paz", phones: [] },
      { name: "5491100000000", phones: [{ phone: "5491100000000", type: null }] },
    ]);
    expect(telHref("+55 11 98765-4321")).toBe("tel:+5511987654321");
  });
});
