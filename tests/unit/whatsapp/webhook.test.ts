import { describe, expect, test } from "vitest";
import { classifyGraphError, networkFailure } from "@/lib/whatsapp/graph-errors";
import { customerText, flowInputOf, readableBody, readInboundContent } from "@/lib/whatsapp/inbound-content";
import { secretEquals, signPayload, verifySignature } from "@/lib/whatsapp/signature";
import { parseWebhookPayload } from "@/lib/whatsapp/webhook-events";

describe("signature", () => {
  test("verifies the HMAC of the exact bytes, in constant time, and refuses everything else", () => {
    const body = '{"object":"whatsapp_business_account","entry":[]}';
    const header = signPayload(body, "s3cret");
    expect(verifySignature(body, header, "s3cret")).toBe(true);
    expect(verifySignature(Buffer.from(body), header.toUpperCase().replace("SHA256=", "sha256="), "s3cret")).toBe(true);
    expect(verifySignature(`${body} `, header, "s3cret")).toBe(false);
    expect(verifySignature(body, header, "other")).toBe(false);
    expect(verifySignature(body, null, "s3cret")).toBe(false);
    expect(verifySignature(body, "sha256=abc", "s3cret")).toBe(false);
    expect(verifySignature(body, header.replace("sha256=", "sha1="), "s3cret")).toBe(false);
    expect(verifySignature(body, header, "")).toBe(false);
  });

  test("compares verify tokens without early exit", () => {
    expect(secretEquals("token", "token")).toBe(true);
    expect(secretEquals("token", "token2")).toBe(false);
  });
});

const value = (extra: Record<string, unknown>) => ({
  messaging_product: "whatsapp",
  metadata: { display_phone_number: "15550783881", phone_number_id: "106540352242922" },
  ...extra,
});

describe("parseWebhookPayload", () => {
  test("visits every entry, change, message and status, with the contact's name", () => {
    const result = parseWebhookPayload({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: value({
                contacts: [{ profile: { name: "Sheena" }, wa_id: "16505551234" }],
                messages: [
                  { from: "16505551234", id: "wamid.A", timestamp: "1714510003", type: "text", text: { body: "hola" } },
                  { from: "16505551234", id: "wamid.B", timestamp: "1714510004", type: "hologram", hologram: {} },
                ],
              }),
            },
          ],
        },
        {
          id: "2",
          changes: [
            { field: "messages", value: value({ statuses: [{ id: "wamid.OUT", status: "read", timestamp: "1714510009", recipient_id: "16505551234" }] }) },
            { field: "account_update", value: { whatever: true } },
            { field: "messages", value: value({ errors: [{ code: 131000, title: "Something went wrong" }] }) },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.events.map((e) => e.kind)).toEqual(["message", "message", "status", "error"]);
    expect(result.events[0]).toMatchObject({ waId: "16505551234", contactName: "Sheena", waMessageId: "wamid.A", timestamp: 1714510003, type: "text" });
    // Unknown types are kept, as unsupported.
    expect(result.events[1]).toMatchObject({ waMessageId: "wamid.B", type: "unsupported" });
    expect(result.events[2]).toMatchObject({ kind: "status", waMessageId: "wamid.OUT", status: "read", phoneNumberId: "106540352242922" });
  });

  test("refuses what is not an envelope, but only skips a malformed item", () => {
    expect(parseWebhookPayload({ hello: 1 }).ok).toBe(false);
    expect(parseWebhookPayload({ object: "page", entry: [] }).ok).toBe(false);
    expect(parseWebhookPayload({ object: "whatsapp_business_account", entry: [{ changes: "no" }] }).ok).toBe(false);
    const result = parseWebhookPayload({
      object: "whatsapp_business_account",
      entry: [{ changes: [{ field: "messages", value: value({ messages: [{ from: "1", type: "text" }, { from: "2", id: "wamid.ok", timestamp: 1, type: "text", text: { body: "x" } }] }) }] }],
    });
    expect(result.ok && result.events.map((e) => e.kind)).toEqual(["skipped", "message"]);
  });

  test("template status updates are routed by the entry's WABA id; one without it is skipped", () => {
    const result = parseWebhookPayload({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "104996782345678",
          time: 1714510003,
          changes: [
            { field: "message_template_status_update", value: { event: "REJECTED", message_template_id: 594425479261596, message_template_name: "order_shipped", message_template_language: "es", reason: "INVALID_FORMAT" } },
            { field: "message_template_status_update", value: { event: "approved", message_template_id: "77", message_template_name: "hello", message_template_language: "en_US" } },
          ],
        },
        { changes: [{ field: "message_template_status_update", value: { event: "PAUSED" } }] },
      ],
    });
    expect(result.ok && result.events).toEqual([
      { kind: "template_status", wabaId: "104996782345678", templateId: "594425479261596", name: "order_shipped", language: "es", event: "REJECTED", reason: "INVALID_FORMAT" },
      { kind: "template_status", wabaId: "104996782345678", templateId: "77", name: "hello", language: "en_US", event: "APPROVED", reason: null },
      expect.objectContaining({ kind: "skipped" }),
    ]);
  });
});

describe("inbound content", () => {
  const msg = (type: string, body: Record<string, unknown>) => ({ from: "1", id: "w", timestamp: "1", type, ...body });

  test("every message type of the fact sheet becomes readable text and an engine input", () => {
    const cases: [Record<string, unknown>, string, unknown][] = [
      [msg("text", { text: { body: "hola" } }), "hola", { kind: "text", text: "hola" }],
      [msg("interactive", { interactive: { type: "button_reply", button_reply: { id: "b1", title: "Ventas" } } }), "Ventas", { kind: "reply", id: "b1", title: "Ventas" }],
      [msg("interactive", { interactive: { type: "list_reply", list_reply: { id: "r1", title: "Uno", description: "d" } } }), "Uno", { kind: "reply", id: "r1", title: "Uno" }],
      [msg("button", { button: { payload: "SI", text: "Sí" } }), "Sí", { kind: "reply", id: "SI", title: "Sí" }],
      [msg("image", { image: { id: "m", mime_type: "image/jpeg", caption: "mi foto" } }), "🖼️ mi foto", { kind: "unsupported", messageType: "image" }],
      [msg("document", { document: { id: "m", filename: "boleta.pdf" } }), "📄 boleta.pdf", { kind: "unsupported", messageType: "document" }],
      [msg("sticker", { sticker: { id: "m", mime_type: "image/webp" } }), "🏷️", { kind: "unsupported", messageType: "sticker" }],
      [msg("audio", { audio: { id: "m" } }), "🎤", { kind: "unsupported", messageType: "audio" }],
      [msg("video", { video: { id: "m" } }), "🎬", { kind: "unsupported", messageType: "video" }],
      [msg("location", { location: { latitude: -23.5, longitude: -46.6, name: "Loja", address: "Av. Paulista" } }), "📍 Loja, Av. Paulista", { kind: "unsupported", messageType: "location" }],
      [msg("contacts", { contacts: [{ name: { formatted_name: "Ana" }, phones: [{ phone: "+55 11 9999" }] }] }), "👤 Ana, +55 11 9999", { kind: "unsupported", messageType: "contacts" }],
      [msg("reaction", { reaction: { message_id: "w0", emoji: "👍" } }), "👍", { kind: "unsupported", messageType: "reaction" }],
      [msg("unsupported", { errors: [{ code: 131051 }] }), "[unsupported]", { kind: "unsupported", messageType: "unsupported" }],
      [msg("interactive", { interactive: { type: "nfm_reply", nfm_reply: {} } }), "[interactive/nfm_reply]", { kind: "unsupported", messageType: "interactive/nfm_reply" }],
      [msg("system", { system: { body: "User A changed from 1 to 2", wa_id: "2", type: "user_changed_number" } }), "User A changed from 1 to 2", { kind: "unsupported", messageType: "system" }],
      [msg("text", {}), "[text]", { kind: "unsupported", messageType: "text" }],
    ];
    for (const [raw, body, input] of cases) {
      const content = readInboundContent(raw);
      expect(readableBody(content), String(raw.type)).toBe(body);
      expect(flowInputOf(content), String(raw.type)).toEqual(input);
    }
    expect(customerText(readInboundContent(msg("text", { text: { body: "20250101-000001" } })))).toBe("20250101-000001");
  });
});

describe("Graph error classification", () => {
  test("throttling and transient failures are retried, everything else is permanent", () => {
    expect(classifyGraphError(429, { code: 130429 })).toMatchObject({ retryable: true, throttled: true });
    expect(classifyGraphError(400, { code: 130429 })).toMatchObject({ retryable: true, throttled: true });
    expect(classifyGraphError(400, { code: 131056 })).toMatchObject({ retryable: true, throttled: true });
    expect(classifyGraphError(500, { code: 131000 })).toMatchObject({ retryable: true, throttled: false });
    expect(classifyGraphError(503, null)).toMatchObject({ retryable: true });
    expect(classifyGraphError(429, null)).toMatchObject({ retryable: true, throttled: true });
    // Template refusals too (unknown or unapproved template, parameter mismatch, marketing withheld or refused).
    for (const code of [131047, 131026, 131051, 100, 368, 132000, 132001, 132012, 131049, 131050]) expect(classifyGraphError(400, { code }).retryable, String(code)).toBe(false);
    expect(classifyGraphError(401, { code: 190 }).retryable).toBe(false);
    expect(classifyGraphError(404, null).retryable).toBe(false);
    expect(networkFailure("ECONNRESET")).toMatchObject({ retryable: true, httpStatus: null });
  });
});
