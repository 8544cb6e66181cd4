/**
 * Templates synced with Meta (docs/templates.md), on the production server against the fake
 * Graph API: the channel's WABA id, sync with paging/updates/removals, submission for review
 * and the status webhooks that follow, desk sends with header, body and button parameters
 * (the exact payload Meta receives), 422s naming the variables, and Meta's template errors
 * failing the message without a retry.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, messages, messageTemplates, outbox } from "@/lib/db/schema";
import type { TemplateComponent } from "@/lib/contacts/templates";
import { createConversation, demoIds } from "../desk/fixtures";
import { type DeskUser, deskUser } from "../media/support";
import { channelId, eventually, customerPhone, startHarness, type Harness } from "../runtime/harness";
import { statusEnvelope, statusUpdate } from "../../support/webhook";

const WABA = "104996782345678";

let h: Harness;
let admin: DeskUser;
let agent: DeskUser;
let editor: DeskUser;
let channel: string;
let ids: Awaited<ReturnType<typeof demoIds>>;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(user: DeskUser, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res =
    method === "POST"
      ? await user.post(path, body ?? {})
      : await fetch(`${h.app.url}${path}`, {
          method,
          headers: { cookie: user.cookie, origin: h.app.url, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Json };
}

const orderShipped: TemplateComponent[] = [
  { type: "HEADER", format: "TEXT", text: "Pedido {{1}}", example: { header_text: ["#4821"] } },
  { type: "BODY", text: "Hola {{1}}, tu pedido salió y llega el {{2}}.", example: { body_text: [["Ana", "12/12"]] } },
  { type: "FOOTER", text: "Tienda Aurora" },
  {
    type: "BUTTONS",
    buttons: [
      { type: "QUICK_REPLY", text: "Gracias" },
      { type: "URL", text: "Seguir envío", url: "https://aurora.example/track/{{1}}", example: ["https://aurora.example/track/4821"] },
    ],
  },
];
const promo: TemplateComponent[] = [
  { type: "HEADER", format: "IMAGE", example: { header_handle: ["https://cdn.example/h.jpg"] } },
  { type: "BODY", text: "{{1}}, 20% de descuento hasta el domingo." },
];

async function rows() {
  return h.database.db.select().from(messageTemplates).where(eq(messageTemplates.channelId, channel));
}

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SEND_MAX_BACKOFF_MS: "300" } });
  admin = await deskUser(h, "admin@demo.atendo");
  agent = await deskUser(h, "agent@demo.atendo");
  editor = await deskUser(h, "editor@demo.atendo");
  channel = await channelId(h);
  ids = await demoIds(h.database.db);
  // 105 filler templates: more than one page of 100.
  const filler = Array.from({ length: 105 }, (_, i) => ({
    name: `aviso_${String(i).padStart(3, "0")}`,
    language: "es",
    status: "APPROVED",
    category: "UTILITY",
    components: [{ type: "BODY", text: `Aviso ${i}` }] as TemplateComponent[],
  }));
  h.graph.templates.addWaba(WABA, h.channel.accessToken, {
    phoneNumberIds: [h.channel.phoneNumberId],
    templates: [
      { name: "order_shipped", language: "es", status: "APPROVED", category: "UTILITY", components: orderShipped },
      { name: "promo_verano", language: "pt_BR", status: "APPROVED", category: "MARKETING", components: promo },
      { name: "descuento_falso", language: "es", status: "REJECTED", category: "MARKETING", rejected_reason: "PROMOTIONAL", components: [{ type: "BODY", text: "Gratis" }] },
      ...filler,
    ],
  });
});

afterAll(async () => {
  await h?.stop();
});

describe("the channel's WhatsApp Business Account", () => {
  test("sync needs the WABA id; only admins set it, digits only", async () => {
    const missing = await call(admin, "POST", `/api/channels/${channel}/templates/sync`);
    expect(missing.status).toBe(422);
    expect(missing.json.error.details.reason).toBe("waba_missing");

    expect((await call(admin, "PUT", `/api/channels/${channel}`, { wabaId: "abc" })).status).toBe(422);
    expect((await call(editor, "PUT", `/api/channels/${channel}`, { wabaId: WABA })).status).toBe(403);
    const saved = await call(admin, "PUT", `/api/channels/${channel}`, { wabaId: WABA });
    expect(saved.status).toBe(200);
    expect(saved.json.channel.wabaId).toBe(WABA);
    expect((await call(agent, "POST", `/api/channels/${channel}/templates/sync`)).status).toBe(403);
  });
});

describe("sync", () => {
  test("every page is read; status, category, components and rejection reason stored", async () => {
    const before = h.graph.templates.calls.length;
    const synced = await call(admin, "POST", `/api/channels/${channel}/templates/sync`);
    expect(synced.status).toBe(200);
    expect(synced.json.result).toEqual({ total: 108, created: 108, updated: 0, removed: 0 });
    const calls = h.graph.templates.calls.slice(before);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.authorization).toBe(`Bearer ${h.channel.accessToken}`);
    expect(new URL(calls[1]!.url).searchParams.get("after")).toBeTruthy();

    const stored = await rows();
    expect(stored).toHaveLength(108);
    expect(stored.find((r) => r.name === "order_shipped")).toMatchObject({ language: "es", status: "APPROVED", category: "UTILITY", wabaId: WABA, components: orderShipped });
    expect(stored.find((r) => r.name === "descuento_falso")).toMatchObject({ status: "REJECTED", rejectionReason: "PROMOTIONAL" });
    const [audit] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, "templates.sync"), eq(auditLog.entityId, channel)));
    expect(audit).toBeTruthy();

    // Agents are offered approved templates only.
    const offered = await call(agent, "GET", "/api/desk/templates");
    const names = offered.json.templates.map((t: Json) => t.name);
    expect(names).toContain("order_shipped");
    expect(names).not.toContain("descuento_falso");
  });

  test("a second sync updates changed templates and hides those Meta no longer lists", async () => {
    h.graph.templates.find(WABA, "promo_verano", "pt_BR")!.status = "PAUSED";
    h.graph.templates.remove(WABA, "aviso_000", "es");
    h.graph.templates.add(WABA, { name: "bienvenida", language: "es", status: "APPROVED", category: "MARKETING", components: [{ type: "BODY", text: "¡Bienvenido!" }] });
    const synced = await call(admin, "POST", `/api/channels/${channel}/templates/sync`);
    expect(synced.json.result).toEqual({ total: 108, created: 1, updated: 107, removed: 1 });
    const stored = await rows();
    expect(stored.find((r) => r.name === "promo_verano")!.status).toBe("PAUSED");
    expect(stored.find((r) => r.name === "aviso_000")!.deletedAt).not.toBeNull();
    const listed = await call(admin, "GET", `/api/channels/${channel}/templates`);
    expect(listed.json.templates.map((t: Json) => t.name)).not.toContain("aviso_000");
    expect(listed.json.templates.map((t: Json) => t.name)).toContain("bienvenida");
  });

  test("Meta refusing or unreachable: a reason, and nothing changed", async () => {
    h.graph.templates.inject({ status: 401, code: 190, message: "Error validating access token: Session has expired" });
    const refused = await call(admin, "POST", `/api/channels/${channel}/templates/sync`);
    expect(refused.status).toBe(422);
    expect(refused.json.error.message).toContain("Session has expired");
    h.graph.templates.inject({ status: 500, code: 1, message: "(#1) An unknown error occurred" });
    const down = await call(admin, "POST", `/api/channels/${channel}/templates/sync`);
    expect(down.status).toBe(503);
    expect((await rows()).filter((r) => !r.deletedAt)).toHaveLength(108);
  });
});

describe("creating a template for review", () => {
  const draft = {
    name: "cita_recordatorio",
    language: "es",
    category: "UTILITY",
    header: { format: "TEXT", text: "Tu cita" },
    body: { text: "Hola {{1}}, tu cita es el {{2}}.", examples: ["Ana", "12/12 15:30"] },
    footer: "Clínica Aurora",
    buttons: [
      { type: "QUICK_REPLY", text: "Confirmar" },
      { type: "PHONE_NUMBER", text: "Llamar", phoneNumber: "+5511999990000" },
    ],
  };

  test("bad drafts are refused naming the field; nothing reaches Meta", async () => {
    const before = h.graph.templates.calls.length;
    const badName = await call(admin, "POST", `/api/channels/${channel}/templates`, { ...draft, name: "Cita Recordatorio" });
    expect(badName.status).toBe(422);
    expect(badName.json.error.details.issues[0].path).toBe("name");
    const noExample = await call(admin, "POST", `/api/channels/${channel}/templates`, { ...draft, body: { text: "Hola {{1}} y {{2}}", examples: ["Ana"] } });
    expect(noExample.status).toBe(422);
    expect(noExample.json.error.details.issues[0].message).toContain("{{2}}");
    const gap = await call(admin, "POST", `/api/channels/${channel}/templates`, { ...draft, body: { text: "Hola {{2}}", examples: ["Ana", "x"] } });
    expect(gap.status).toBe(422);
    expect(h.graph.templates.calls.length).toBe(before);
  });

  test("submitted → PENDING; the status webhook approves it; another is rejected with its reason, then paused", async () => {
    const created = await call(admin, "POST", `/api/channels/${channel}/templates`, draft);
    expect(created.status).toBe(201);
    expect(created.json.template).toMatchObject({ name: "cita_recordatorio", status: "PENDING", category: "UTILITY" });
    const submitted = h.graph.templates.calls.at(-1)!;
    expect(submitted.method).toBe("POST");
    expect(submitted.body).toEqual({
      name: "cita_recordatorio",
      language: "es",
      category: "UTILITY",
      components: [
        { type: "HEADER", format: "TEXT", text: "Tu cita" },
        { type: "BODY", text: "Hola {{1}}, tu cita es el {{2}}.", example: { body_text: [["Ana", "12/12 15:30"]] } },
        { type: "FOOTER", text: "Clínica Aurora" },
        { type: "BUTTONS", buttons: [{ type: "QUICK_REPLY", text: "Confirmar" }, { type: "PHONE_NUMBER", text: "Llamar", phone_number: "+5511999990000" }] },
      ],
    });
    expect((await call(admin, "POST", `/api/channels/${channel}/templates`, draft)).status).toBe(409);

    // Pending templates are not offered to agents.
    expect((await call(agent, "GET", "/api/desk/templates")).json.templates.map((t: Json) => t.name)).not.toContain("cita_recordatorio");

    expect(await h.graph.templates.emitStatus(h.app.url, h.channel.appSecret, WABA, "cita_recordatorio", "es", "APPROVED")).toBe(200);
    const approved = (await rows()).find((r) => r.name === "cita_recordatorio")!;
    expect(approved).toMatchObject({ status: "APPROVED", rejectionReason: null, metaId: h.graph.templates.find(WABA, "cita_recordatorio", "es")!.id });
    expect((await call(agent, "GET", "/api/desk/templates")).json.templates.map((t: Json) => t.name)).toContain("cita_recordatorio");

    await call(admin, "POST", `/api/channels/${channel}/templates`, { ...draft, name: "oferta_dudosa", category: "MARKETING" });
    await h.graph.templates.emitStatus(h.app.url, h.channel.appSecret, WABA, "oferta_dudosa", "es", "REJECTED", "INVALID_FORMAT");
    expect((await rows()).find((r) => r.name === "oferta_dudosa")).toMatchObject({ status: "REJECTED", rejectionReason: "INVALID_FORMAT" });

    await h.graph.templates.emitStatus(h.app.url, h.channel.appSecret, WABA, "cita_recordatorio", "es", "PAUSED", "Low quality");
    expect((await rows()).find((r) => r.name === "cita_recordatorio")).toMatchObject({ status: "PAUSED", rejectionReason: "Low quality" });
    await h.graph.templates.emitStatus(h.app.url, h.channel.appSecret, WABA, "cita_recordatorio", "es", "REINSTATED");
    expect((await rows()).find((r) => r.name === "cita_recordatorio")).toMatchObject({ status: "APPROVED" });
  });

  test("a status webhook with a wrong signature changes nothing", async () => {
    expect(await h.graph.templates.emitStatus(h.app.url, "not-the-secret", WABA, "cita_recordatorio", "es", "DISABLED")).toBe(401);
    expect((await rows()).find((r) => r.name === "cita_recordatorio")!.status).toBe("APPROVED");
  });
});

describe("sending from the desk", () => {
  /** A conversation the demo agent holds, the customer's window closed (only templates allowed). */
  async function held() {
    const waId = customerPhone();
    const conversation = await createConversation(h.database.db, {
      channelId: channel,
      queueId: ids.soporte,
      status: "assigned",
      assigneeId: ids.agent.id,
      waId,
      lastInboundAt: new Date(Date.now() - 30 * 3600_000),
    });
    return { conversation, waId };
  }
  const templateId = async (name: string) => (await rows()).find((r) => r.name === name)!.id;

  test("header, body and URL button parameters: the exact payload Meta receives, the preview in the transcript", async () => {
    const { conversation, waId } = await held();
    const sent = await call(agent, "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: await templateId("order_shipped"),
      params: { header: { text: "#4821" }, body: ["Ana", "12/12"], buttons: [{ index: 1, text: "4821" }] },
    });
    expect(sent.status).toBe(201);
    expect(sent.json.message.body).toBe("*Pedido #4821*\nHola Ana, tu pedido salió y llega el 12/12.\n_Tienda Aurora_\n[Gracias] [Seguir envío]");
    const request = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, "the template sent");
    expect(request.body).toMatchObject({
      messaging_product: "whatsapp",
      to: waId,
      type: "template",
      template: {
        name: "order_shipped",
        language: { code: "es" },
        components: [
          { type: "header", parameters: [{ type: "text", text: "#4821" }] },
          { type: "body", parameters: [{ type: "text", text: "Ana" }, { type: "text", text: "12/12" }] },
          { type: "button", sub_type: "url", index: "1", parameters: [{ type: "text", text: "4821" }] },
        ],
      },
    });
  });

  test("variables that don't match: 422 naming each one, nothing queued; a media header of the wrong kind too; unapproved refused", async () => {
    const { conversation, waId } = await held();
    const wrong = await call(agent, "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: await templateId("order_shipped"),
      params: { body: ["Ana", "12/12", "extra"] },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.json.error.details.issues.map((i: Json) => [i.path, i.variable])).toEqual([
      ["header", "{{1}}"],
      ["body.2", "{{3}}"],
      ["buttons.1", "{{1}}"],
    ]);
    expect(wrong.json.error.message).toContain("{{3}}");

    const promoId = (await rows()).find((r) => r.name === "promo_verano")!.id;
    await h.database.db.update(messageTemplates).set({ status: "APPROVED" }).where(eq(messageTemplates.id, promoId));
    const kind = await call(agent, "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: promoId,
      params: { header: { kind: "video", url: "https://cdn.example/v.mp4" }, body: ["Ana"] },
    });
    expect(kind.status).toBe(422);
    expect(kind.json.error.details.issues[0]).toMatchObject({ path: "header", code: "media_kind" });

    const rejected = await call(agent, "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: await templateId("descuento_falso"),
      params: { body: [] },
    });
    expect(rejected.status).toBe(422);
    expect(rejected.json.error.details.reason).toBe("template_not_approved");

    const transcript = await h.database.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(transcript.filter((m) => m.direction === "outbound")).toEqual([]);
    expect(h.graph.accepted(waId)).toEqual([]);
  });

  async function failedMessage(messageId: string) {
    return eventually(async () => {
      const [m] = await h.database.db.select().from(messages).where(eq(messages.id, messageId));
      return m?.deliveryStatus === "failed" ? m : null;
    }, 30_000, "the message failed");
  }

  test("132001 (Meta no longer has it approved) and 131050 (user stopped marketing): failed with the reason, never retried", async () => {
    // No longer approved at Meta, still approved here (no webhook yet): Meta answers 132001.
    h.graph.templates.find(WABA, "bienvenida", "es")!.status = "REJECTED";
    const first = await held();
    const unknown = await call(agent, "POST", `/api/desk/conversations/${first.conversation.id}/reply`, { kind: "template", templateId: await templateId("bienvenida"), params: { body: [] } });
    expect(unknown.status).toBe(201);
    const failed = await failedMessage(unknown.json.message.id);
    expect(failed.error).toMatchObject({ source: "send", code: 132001 });

    const second = await held();
    h.graph.inject({ kind: "error", status: 400, code: 131050, message: "(#131050) Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business" }, 1, (r) => r.to === second.waId);
    const stopped = await call(agent, "POST", `/api/desk/conversations/${second.conversation.id}/reply`, {
      kind: "template",
      templateId: await templateId("order_shipped"),
      params: { header: { text: "#1" }, body: ["Bea", "13/12"], buttons: [{ index: 1, text: "1" }] },
    });
    const failed2 = await failedMessage(stopped.json.message.id);
    expect(failed2.error).toMatchObject({ code: 131050 });

    for (const { waId, id } of [
      { waId: first.waId, id: unknown.json.message.id },
      { waId: second.waId, id: stopped.json.message.id },
    ]) {
      expect(h.graph.requests.filter((r) => r.to === waId && r.kind === "message")).toHaveLength(1);
      const [row] = await h.database.db.select().from(outbox).where(eq(outbox.messageId, id));
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
    }
  });

  test("131049 arriving later in a failed status: shown on the message", async () => {
    const { conversation, waId } = await held();
    const sent = await call(agent, "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: await templateId("order_shipped"),
      params: { header: { text: "#2" }, body: ["Caio", "14/12"], buttons: [{ index: 1, text: "2" }] },
    });
    const request = await h.graph.waitFor(() => h.graph.accepted(waId)[0], 30_000, "the template sent");
    await eventually(async () => {
      const [m] = await h.database.db.select().from(messages).where(eq(messages.id, sent.json.message.id));
      return m?.waMessageId ? m : null;
    }, 30_000, "the wamid recorded");
    const res = await h.post(
      statusEnvelope(
        h.channel.phoneNumberId,
        statusUpdate(request.waMessageId!, "failed", waId, { errors: [{ code: 131049, title: "This message was not delivered to maintain healthy ecosystem engagement." }] }),
      ),
    );
    expect(res.status).toBe(200);
    const failed = await failedMessage(sent.json.message.id);
    expect(failed.error).toMatchObject({ source: "status", code: 131049 });
  });
});
