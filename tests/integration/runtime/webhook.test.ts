import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contacts, inbox, messages, queues, statusEvents, workspace } from "@/lib/db/schema";
import {
  buttonReply,
  envelope,
  listReply,
  messageEnvelope,
  statusEnvelope,
  statusUpdate,
  stickerMessage,
  textMessage,
} from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, inboxCounts, outboxOf, startHarness, transcript, type Harness } from "./harness";
import { ALWAYS_OPEN, NEVER_OPEN } from "../../support/business-hours";


let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100", RUNTIME_SWEEP_MS: "500" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
});

afterAll(async () => {
  await h?.stop();
});

/** Every message names its outbox row and attempt, for Meta to echo in its status webhooks. */
const callbackData = { biz_opaque_callback_data: expect.stringMatching(/^atendo-outbox:\d+:1$/) };

function welcome(to: string, name: string) {
  return {
    ...callbackData,
    messaging_product: "whatsapp",
    recipient_type: "individual",
    to,
    type: "interactive",
    interactive: {
      type: "button",
      header: { type: "text", text: "Tienda Aurora" },
      body: { text: `¡Hola ${name}! 👋 Soy el asistente virtual de Tienda Aurora. ¿En qué te podemos ayudar hoy?` },
      footer: { text: "Escribe «agente» para hablar con una persona" },
      action: {
        buttons: [
          { type: "reply", reply: { id: "pedidos", title: "Mis pedidos" } },
          { type: "reply", reply: { id: "horarios", title: "Horarios y tiendas" } },
          { type: "reply", reply: { id: "asesor", title: "Hablar con asesor" } },
        ],
      },
    },
  };
}

const text = (to: string, body: string) => ({
  ...callbackData,
  messaging_product: "whatsapp",
  recipient_type: "individual",
  to,
  type: "text",
  text: { body, preview_url: false },
});

/** Waits until everything about this contact is processed and sent, so counts are final. */
async function settled(waId: string) {
  await eventually(async () => {
    const counts = await h.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inbox)
      .where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return counts[0]!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 45_000, `contact ${waId} settled`);
}

describe("webhook", () => {
  test("the verification handshake echoes the challenge for a channel's verify token, 403 otherwise", async () => {
    const ok = await fetch(`${h.app.url}/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${h.channel.verifyToken}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await ok.text()).toBe("1158201444");

    const wrong = await fetch(`${h.app.url}/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain("1158201444");
    const noMode = await fetch(`${h.app.url}/api/webhooks/whatsapp?hub.verify_token=${h.channel.verifyToken}&hub.challenge=1`);
    expect(noMode.status).toBe(403);
  });

  test("a missing or wrong signature is refused with 401 and nothing is stored", async () => {
    const from = customerPhone();
    const payload = messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola"));
    expect((await h.post(payload, { signature: null })).status).toBe(401);
    expect((await h.post(payload, { signature: `sha256=${"0".repeat(64)}` })).status).toBe(401);
    expect((await h.post(payload, { signature: "sha1=abc" })).status).toBe(401);
    // Signed with another app's secret.
    const { postWebhook } = await import("../../support/webhook");
    expect((await postWebhook(h.app.url, payload, "another-app-secret")).status).toBe(401);

    const stored = await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from));
    expect(stored).toHaveLength(0);
    expect(await h.database.db.select().from(contacts).where(eq(contacts.waId, from))).toHaveLength(0);
    expect(h.graph.accepted(from)).toHaveLength(0);
  });

  test("bad input: malformed JSON and non-envelopes are 400, huge bodies 413, unknown numbers 200 with nothing stored", async () => {
    expect((await h.post(null, { rawBody: "{not json" })).status).toBe(400);
    expect((await h.post({ hello: "world" })).status).toBe(400);
    expect((await h.post({ object: "page", entry: [] })).status).toBe(400);

    const huge = JSON.stringify({ object: "whatsapp_business_account", entry: [], padding: "x".repeat(5 * 1024 * 1024 + 10) });
    expect((await h.post(null, { rawBody: huge })).status).toBe(413);
    // Chunked, with no Content-Length: the streamed size is checked too.
    const chunk = new Uint8Array(1024 * 1024).fill(32);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 7) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const chunked = await fetch(`${h.app.url}/api/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);

    const from = customerPhone();
    const unknown = messageEnvelope("999999999999", textMessage(from, "hola"));
    expect((await h.post(unknown)).status).toBe(200);
    expect(await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from))).toHaveLength(0);
  });

  test("a full menu conversation (buttons → list → question → handoff) sends the exact WhatsApp bodies", async () => {
    const from = customerPhone();
    const post = async (message: ReturnType<typeof textMessage>) => expect((await h.post(messageEnvelope(h.channel.phoneNumberId, message, "Pablo Morales"))).status).toBe(200);

    const first = textMessage(from, "Hola");
    await post(first);
    const [reply1] = await h.graph.waitFor(() => (h.graph.accepted(from).length >= 1 ? h.graph.accepted(from) : null), 30_000, "welcome");
    expect(reply1!.body).toEqual(welcome(from, "Pablo Morales"));
    expect(reply1!.authorization).toBe(`Bearer ${h.channel.accessToken}`);
    expect(reply1!.phoneNumberId).toBe(h.channel.phoneNumberId);
    await h.graph.waitFor(() => h.graph.markedRead().find((r) => r.body?.message_id === first.id), 30_000, "mark as read");

    await post(buttonReply(from, "pedidos", "Mis pedidos", { context: { from: "15550783881", id: reply1!.waMessageId! } }));
    const reply2 = await h.graph.waitFor(() => h.graph.accepted(from)[1], 30_000, "list");
    expect(reply2.body).toEqual({
      ...callbackData,
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: from,
      type: "interactive",
      interactive: {
        type: "list",
        body: { text: "Elige el tema de tu consulta:" },
        action: {
          button: "Ver temas",
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
    });

    await post(listReply(from, "estado", "Estado de mi pedido"));
    const reply3 = await h.graph.waitFor(() => h.graph.accepted(from)[2], 30_000, "question");
    expect(reply3.body).toEqual(text(from, "Por favor, escribe tu número de pedido (solo números, por ejemplo 48213)."));

    await post(textMessage(from, "48213"));
    const replies = await h.graph.waitFor(() => (h.graph.accepted(from).length >= 5 ? h.graph.accepted(from) : null), 30_000, "handoff");
    const [conversation] = await conversationsOf(h, from);
    expect(replies[3]!.body).toEqual(text(from, "Gracias. Un asesor revisará el pedido n.º 48213 y te responderá por aquí."));
    expect(replies[4]!.body).toEqual(text(from, `Te atenderá una persona en breve. Tu protocolo es ${conversation!.protocol}.`));
    expect(conversation!.protocol).toMatch(/^\d{8}-\d{6}$/);

    await settled(from);
    expect(h.graph.accepted(from)).toHaveLength(5);
    const [soporte] = await h.database.db.select().from(queues).where(eq(queues.slug, "soporte"));
    const [final] = await conversationsOf(h, from);
    expect(final!.status).toBe("queued");
    expect(final!.queueId).toBe(soporte!.id);

    // The transcript holds the readable conversation, with the wamids of what was sent.
    const rows = await transcript(h, final!.id);
    expect(rows.map((r) => [r.direction, r.body])).toEqual([
      ["inbound", "Hola"],
      ["outbound", welcome(from, "Pablo Morales").interactive.body.text],
      ["inbound", "Mis pedidos"],
      ["outbound", "Elige el tema de tu consulta:"],
      ["inbound", "Estado de mi pedido"],
      ["outbound", "Por favor, escribe tu número de pedido (solo números, por ejemplo 48213)."],
      ["inbound", "48213"],
      ["outbound", "Gracias. Un asesor revisará el pedido n.º 48213 y te responderá por aquí."],
      ["outbound", `Te atenderá una persona en breve. Tu protocolo es ${final!.protocol}.`],
    ]);
    expect(rows.filter((r) => r.direction === "outbound").every((r) => r.deliveryStatus === "sent" && r.waMessageId?.startsWith("wamid."))).toBe(true);
    expect(h.graph.markedRead().filter((r) => r.body && (r.body.message_id as string).length > 0).length).toBeGreaterThanOrEqual(4);

    // Now a person is in charge: the next message only joins the transcript.
    await post(textMessage(from, "¿Hay alguien?"));
    await eventually(async () => (await conversationsOf(h, from))[0]!.unreadCount === 1, 30_000, "unread count");
    await settled(from);
    expect(h.graph.accepted(from)).toHaveLength(5);
  });

  test("a batched payload with several entries, contacts and statuses is processed in full", async () => {
    // An earlier conversation gives us wamids to report statuses about.
    const earlier = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(earlier, "hola")));
    const [sent] = await h.graph.waitFor(() => (h.graph.accepted(earlier).length ? h.graph.accepted(earlier) : null), 30_000, "first reply");
    await settled(earlier);

    const [a, b, c, d] = [customerPhone(), customerPhone(), customerPhone(), customerPhone()];
    const payload = envelope(
      [
        {
          phoneNumberId: h.channel.phoneNumberId,
          contacts: [
            { waId: a, name: "Ana" },
            { waId: b, name: "Beto" },
          ],
          messages: [textMessage(a, "hola"), textMessage(b, "buenas")],
        },
        { phoneNumberId: h.channel.phoneNumberId, statuses: [statusUpdate(sent!.waMessageId!, "delivered", earlier)] },
      ],
      [
        {
          phoneNumberId: h.channel.phoneNumberId,
          contacts: [
            { waId: c, name: "Carla" },
            { waId: d, name: "Dante" },
          ],
          messages: [textMessage(c, "menu"), stickerMessage(d)],
          statuses: [statusUpdate(sent!.waMessageId!, "read", earlier)],
        },
      ],
    );
    expect((await h.post(payload)).status).toBe(200);
    for (const [waId, name] of [
      [a, "Ana"],
      [b, "Beto"],
      [c, "Carla"],
      [d, "Dante"],
    ] as const) {
      const [reply] = await h.graph.waitFor(() => (h.graph.accepted(waId).length ? h.graph.accepted(waId) : null), 30_000, `reply to ${name}`);
      expect(reply!.body).toEqual(welcome(waId, name));
      const [contact] = await h.database.db.select().from(contacts).where(eq(contacts.waId, waId));
      expect(contact!.name).toBe(name);
      expect(await conversationsOf(h, waId)).toHaveLength(1);
    }
    const [message] = await h.database.db.select().from(messages).where(eq(messages.waMessageId, sent!.waMessageId!));
    expect(message!.deliveryStatus).toBe("read");
    expect(await h.database.db.select().from(statusEvents).where(eq(statusEvents.waMessageId, sent!.waMessageId!))).toHaveLength(2);
  });

  test("the same webhook delivered 3 times is answered once", async () => {
    const from = customerPhone();
    const payload = messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola"));
    const answers = await Promise.all([h.post(payload), h.post(payload)]);
    answers.push(await h.post(payload));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.graph.waitFor(() => h.graph.accepted(from).length >= 1, 30_000, "reply");
    await settled(from);
    // A late redelivery (Meta retries for days) is still a duplicate.
    expect((await h.post(payload)).status).toBe(200);
    await settled(from);
    expect(h.graph.accepted(from)).toHaveLength(1);
    expect(await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from))).toHaveLength(1);
    expect(h.graph.markedRead().filter((r) => r.body?.message_id === (payload as { entry: { changes: { value: { messages: { id: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.id)).toHaveLength(1);
  });

  test("out-of-order statuses never regress; failed keeps its error", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    const [reply] = await h.graph.waitFor(() => (h.graph.accepted(from).length ? h.graph.accepted(from) : null), 30_000, "reply");
    await settled(from);
    const id = reply!.waMessageId!;
    const statusOf = async (w: string) => (await h.database.db.select().from(messages).where(eq(messages.waMessageId, w)))[0]!;

    expect((await h.post(statusEnvelope(h.channel.phoneNumberId, statusUpdate(id, "read", from)))).status).toBe(200);
    expect((await statusOf(id)).deliveryStatus).toBe("read");
    // Late and duplicated reports change nothing.
    for (const s of ["delivered", "sent", "read", "delivered"] as const) {
      expect((await h.post(statusEnvelope(h.channel.phoneNumberId, statusUpdate(id, s, from)))).status).toBe(200);
    }
    expect((await statusOf(id)).deliveryStatus).toBe("read");
    const failure = [{ code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Receiver is incapable of receiving this message" } }];
    await h.post(statusEnvelope(h.channel.phoneNumberId, statusUpdate(id, "failed", from, { errors: failure })));
    expect((await statusOf(id)).deliveryStatus).toBe("read");

    // Another message: sent, then failed (kept with Meta's error), then a stale delivered.
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "menu")));
    const second = await h.graph.waitFor(() => h.graph.accepted(from)[1], 30_000, "second reply");
    await settled(from);
    const id2 = second.waMessageId!;
    await h.post(statusEnvelope(h.channel.phoneNumberId, statusUpdate(id2, "failed", from, { errors: failure }), statusUpdate(id2, "sent", from)));
    await h.post(statusEnvelope(h.channel.phoneNumberId, statusUpdate(id2, "delivered", from)));
    const failed = await statusOf(id2);
    expect(failed.deliveryStatus).toBe("failed");
    expect(failed.error).toMatchObject({ source: "status", code: 131026, title: "Message undeliverable", details: "Receiver is incapable of receiving this message" });
  });

  test("a status that raced with the sender's write (committed unseen) is still applied", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    const [reply] = await h.graph.waitFor(() => (h.graph.accepted(from).length ? h.graph.accepted(from) : null), 30_000, "reply");
    await settled(from);
    // As if the webhook had stored it while the sender's statement for this message ran.
    const [channel] = await h.database.db.execute(sql`select id from channels where phone_number_id = ${h.channel.phoneNumberId}`) as unknown as { id: string }[];
    await h.database.db.insert(statusEvents).values({ channelId: channel!.id, waMessageId: reply!.waMessageId!, status: "delivered", waTimestamp: Math.floor(Date.now() / 1000) });
    await eventually(async () => (await h.database.db.select().from(messages).where(eq(messages.waMessageId, reply!.waMessageId!)))[0]!.deliveryStatus === "delivered", 30_000, "reconciled status");
  });

  test("a sticker is not an answer: re-prompt, then the node's invalid path (handoff)", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola"), "Dora"));
    await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 30_000, "welcome");
    await settled(from);

    await h.post(messageEnvelope(h.channel.phoneNumberId, stickerMessage(from), "Dora"));
    const afterFirst = await h.graph.waitFor(() => (h.graph.accepted(from).length >= 3 ? h.graph.accepted(from) : null), 30_000, "re-prompt");
    expect(afterFirst[1]!.body).toEqual(text(from, "No entendí. Elige una de las opciones, por favor."));
    expect(afterFirst[2]!.body).toEqual(welcome(from, "Dora"));
    await settled(from);

    await h.post(messageEnvelope(h.channel.phoneNumberId, stickerMessage(from), "Dora"));
    await settled(from);
    const [conversation] = await conversationsOf(h, from);
    const last = h.graph.accepted(from).at(-1)!;
    expect(last.body).toEqual(text(from, `Te atenderá una persona en breve. Tu protocolo es ${conversation!.protocol}.`));
    expect(conversation!.status).toBe("queued");
    const rows = await transcript(h, conversation!.id);
    expect(rows.filter((r) => r.direction === "inbound").map((r) => r.type)).toEqual(["text", "sticker", "sticker"]);
  });

  test("a handoff outside business hours also tells the customer when we answer", async () => {
    await h.database.db.update(workspace).set({ businessHours: NEVER_OPEN, outsideHoursMessage: "Estamos cerrados; te respondemos el lunes a las 9." });
    try {
      const from = customerPhone();
      // Wait out the settings cache (100 ms in these tests).
      await new Promise((r) => setTimeout(r, 300));
      await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "agente")));
      await settled(from);
      const [conversation] = await conversationsOf(h, from);
      expect(conversation!.status).toBe("queued");
      // The keyword handoff tells the protocol first (issue 20, item 14), then the outside-hours message.
      expect(h.graph.accepted(from).map((r) => (r.body!.text as { body: string }).body)).toEqual([
        `Te atenderá una persona en breve. Tu protocolo es ${conversation!.protocol}.`,
        "Estamos cerrados; te respondemos el lunes a las 9.",
      ]);
    } finally {
      await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN, outsideHoursMessage: null });
    }
  });

  test("the inbox keeps nothing pending once the traffic is processed", async () => {
    await eventually(async () => ((await inboxCounts(h)).pending ?? 0) === 0, 30_000, "inbox drained");
    expect((await inboxCounts(h)).dead ?? 0).toBe(0);
  });
});
