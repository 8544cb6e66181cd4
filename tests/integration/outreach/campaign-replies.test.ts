import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, flows, flowVersions, messageTemplates, queues, workspace } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { signIn } from "../../support/session";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { channelId, conversationsOf, customerPhone, eventually, startHarness, transcript, type Harness } from "../runtime/harness";
import { ALWAYS_OPEN, NEVER_OPEN } from "../../support/business-hours";

// Campaign replies routed to the flow or queue the campaign chose (docs/campaigns.md,
// "Replies"), through the whole app: the campaign loop sends, the customer answers through the
// webhook, the runtime opens the conversation where the campaign said.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let cookie = "";
let channel = "";
let templateId = "";
let ventas = "";
let promoFlow = { id: "", versionId: "" };
let draftFlowId = "";

beforeAll(async () => {
  // No settings cache: every batch reads the workspace's hours as the test left them.
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "0" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  cookie = (await signIn(h.app.url, "admin@demo.atendo", "atendo-demo")).cookie;
  channel = await channelId(h);
  const db = h.database.db;
  const [template] = await db
    .insert(messageTemplates)
    .values({ channelId: channel, name: "aviso_promo", language: "es", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Hola {{1}}, tu cupón {{2}} vence hoy." }] })
    .returning();
  templateId = template!.id;
  const [queue] = await db.select().from(queues).where(eq(queues.slug, "ventas"));
  ventas = queue!.id;
  // A published flow of its own for the promotion's replies, and one never published.
  const [row] = await db.select({ flowId: channels.flowId }).from(channels).where(eq(channels.id, channel));
  const [channelFlow] = await db.select().from(flows).where(eq(flows.id, row!.flowId!));
  const [active] = await db.select().from(flowVersions).where(eq(flowVersions.id, channelFlow!.activeVersionId!));
  const document = {
    ...(structuredClone(active!.document) as FlowDocument),
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "thanks", type: "end", position: { x: 0, y: 100 }, data: { text: "¡Gracias por responder a la promo!" } },
    ],
    edges: [{ id: "e1", source: "start", target: "thanks" }],
  } as FlowDocument;
  const [flow] = await db.insert(flows).values({ name: "Respuestas de la promo", draft: document }).returning();
  const [version] = await db
    .insert(flowVersions)
    .values({ flowId: flow!.id, number: 1, document, checksum: createHash("sha256").update(JSON.stringify(document)).digest("hex"), note: "test" })
    .returning();
  await db.update(flows).set({ activeVersionId: version!.id }).where(eq(flows.id, flow!.id));
  promoFlow = { id: flow!.id, versionId: version!.id };
  const [draft] = await db.insert(flows).values({ name: "Borrador", draft: document }).returning();
  draftFlowId = draft!.id;
});

afterAll(async () => {
  await h?.stop();
});

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const headers: Record<string, string> = { cookie, origin: new URL(h.app.url).origin };
  if (method !== "GET") headers["content-type"] = "application/json";
  const res = await fetch(`${h.app.url}${path}`, { method, headers, body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

function campaign(name: string, phones: string[], replyTo: unknown) {
  const csv = ["phone,name,coupon", ...phones.map((p, i) => `+${p},Cliente ${i},C-${i}`)].join("\n");
  return api("POST", "/api/campaigns", {
    name,
    channelId: channel,
    templateId,
    audience: { kind: "csv", csv, filename: "promo.csv" },
    mapping: { "body.1": { source: "column", column: "name" }, "body.2": { source: "column", column: "coupon" } },
    replyTo,
  });
}

const sentTo = (waId: string) => h.graph.accepted(waId).map((r) => r.body as Json);

async function templateReached(waIds: string[]) {
  await eventually(async () => waIds.every((w) => sentTo(w).some((b) => b.type === "template")), 30_000, "the campaign's sends");
}

async function customerSays(waId: string, text: string) {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, text)))).status).toBe(200);
}

async function recipientRow(campaignId: string, waId: string) {
  const rows = await h.database.db.execute(
    sql`select replied_at, reply_conversation_id from campaign_recipients where campaign_id = ${campaignId} and wa_id = ${waId}`,
  );
  return (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { replied_at: Date | null; reply_conversation_id: string | null };
}

describe("campaign replies", () => {
  test("bad targets are refused before anything is stored: a flow never published, an unknown queue", async () => {
    const phone = customerPhone();
    const unpublished = await campaign("Sin publicar", [phone], { kind: "flow", flowId: draftFlowId });
    expect(unpublished.status).toBe(422);
    expect(unpublished.json.error.message).toMatch(/no published version/);
    const unknown = await campaign("Cola inexistente", [phone], { kind: "queue", queueId: "00000000-0000-4000-8000-000000000000" });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details.issues[0].path).toBe("replyTo.queueId");
    expect((await api("GET", "/api/campaigns")).json.campaigns.filter((c: Json) => ["Sin publicar", "Cola inexistente"].includes(c.name))).toEqual([]);
  });

  test("to a queue: the reply opens a conversation waiting there with a protocol, outside the bot; the recipient links it. A customer already talking keeps their conversation", async () => {
    const [ana, bruno, carla, eva] = [customerPhone(), customerPhone(), customerPhone(), customerPhone()];
    // Bruno is in the middle of a conversation with the bot when the campaign reaches him.
    await customerSays(bruno, "hola");
    await eventually(async () => (await conversationsOf(h, bruno))[0]?.status === "bot", 30_000, "Bruno's conversation");
    const created = await campaign("Cupones de diciembre", [ana, bruno, carla, eva], { kind: "queue", queueId: ventas });
    expect(created.status).toBe(201);
    const id = created.json.campaign.id as string;
    expect(created.json.campaign).toMatchObject({ replyQueueId: ventas, replyQueueName: expect.any(String) });
    await templateReached([ana, bruno, carla, eva]);

    await customerSays(ana, "Quiero usar el cupón");
    await eventually(async () => (await conversationsOf(h, ana))[0]?.status === "queued", 30_000, "Ana's reply queued");
    const [conv, ...others] = await conversationsOf(h, ana);
    expect(others).toEqual([]);
    expect(conv).toMatchObject({ status: "queued", queueId: ventas, flowVersionId: null, flowState: null, unreadCount: 1 });
    // The customer learns the protocol; the agent sees which campaign this answers.
    const said = await eventually(async () => sentTo(ana).find((b) => b.type === "text"), 30_000, "the handoff notice");
    expect(said.text.body).toContain(conv!.protocol);
    const rows = await transcript(h, conv!.id);
    expect(rows.slice(0, 2)).toMatchObject([
      { direction: "inbound", author: "customer", body: "Quiero usar el cupón" },
      { direction: "system", type: "event", body: 'Reply to the campaign "Cupones de diciembre"' },
    ]);
    expect(rows.some((m) => m.author === "bot")).toBe(false);
    expect(sentTo(ana).filter((b) => b.type === "text")).toHaveLength(1);
    // Stamped at once with the conversation, and shown in the progress view's list.
    const stamped = await recipientRow(id, ana);
    expect(stamped.replied_at).not.toBeNull();
    expect(stamped.reply_conversation_id).toBe(conv!.id);
    const listed = await api("GET", `/api/campaigns/${id}/recipients?status=replied`);
    expect(listed.json.recipients).toEqual([expect.objectContaining({ phone: `+${ana}`, replyConversationId: conv!.id })]);

    // Her next message joins that conversation.
    await customerSays(ana, "¿Sigue vigente?");
    await eventually(async () => (await conversationsOf(h, ana))[0]?.unreadCount === 2, 30_000, "the second message");
    expect(await conversationsOf(h, ana)).toHaveLength(1);

    // Bruno's answer joins the bot conversation he was already in: no second conversation, no queue.
    await customerSays(bruno, "1");
    await eventually(async () => (await transcript(h, (await conversationsOf(h, bruno))[0]!.id)).filter((m) => m.direction === "inbound").length === 2, 30_000, "Bruno's answer");
    const brunos = await conversationsOf(h, bruno);
    expect(brunos).toHaveLength(1);
    expect(brunos[0]!.flowVersionId).not.toBeNull();
    expect((await recipientRow(id, bruno)).reply_conversation_id).toBeNull();
    expect(await conversationsOf(h, carla)).toEqual([]);

    // Outside the desk's hours the customer is also told nobody is in yet; still no bot.
    await h.database.db.update(workspace).set({ businessHours: NEVER_OPEN });
    try {
      await customerSays(eva, "¿Puedo usarlo mañana?");
      await eventually(async () => sentTo(eva).filter((b) => b.type === "text").length === 2, 30_000, "both notices");
      const [evas] = await conversationsOf(h, eva);
      expect(evas).toMatchObject({ status: "queued", queueId: ventas, flowVersionId: null });
      const texts = sentTo(eva).filter((b) => b.type === "text").map((b) => b.text.body as string);
      expect(texts[0]).toContain(evas!.protocol);
      expect(texts[1]).not.toBe(texts[0]);
    } finally {
      await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
    }
  });

  test("to a flow: the reply starts the campaign's flow; once that conversation ends, the customer's next one is the number's usual flow", async () => {
    const dora = customerPhone();
    const created = await campaign("Encuesta de la promo", [dora], { kind: "flow", flowId: promoFlow.id });
    expect(created.status).toBe(201);
    expect(created.json.campaign).toMatchObject({ replyFlowId: promoFlow.id, replyFlowName: "Respuestas de la promo" });
    await templateReached([dora]);

    await customerSays(dora, "¡Me interesa!");
    const thanks = await eventually(async () => sentTo(dora).find((b) => b.type === "text"), 30_000, "the promo flow's answer");
    expect(thanks.text.body).toBe("¡Gracias por responder a la promo!");
    const [first] = await conversationsOf(h, dora);
    expect(first).toMatchObject({ flowVersionId: promoFlow.versionId, status: "closed" });
    expect((await recipientRow(created.json.campaign.id, dora)).reply_conversation_id).toBe(first!.id);

    // Answered once: writing again is an ordinary conversation with the channel's flow.
    await customerSays(dora, "hola otra vez");
    await eventually(async () => (await conversationsOf(h, dora)).length === 2, 30_000, "a second conversation");
    const second = (await conversationsOf(h, dora))[1]!;
    expect(second.flowVersionId).not.toBe(promoFlow.versionId);
    expect(second.flowVersionId).not.toBeNull();
  });
});
