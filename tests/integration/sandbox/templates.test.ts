/**
 * The sandbox's templates (docs/templates.md → Sandbox): its fake Graph endpoints list the
 * seeded templates with paging, take submissions and approve them after a short review —
 * reporting it to the app with a signed status webhook, like Meta — and check template sends
 * (132001, 132000); the simulator shows a sent template as WhatsApp does.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { channels, messageTemplates } from "@/lib/db/schema";
import { channelSecrets, SANDBOX_PHONE_NUMBER_ID, SANDBOX_WABA_ID, type ChannelRow } from "@/lib/channels/credentials";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { createConversation, demoIds } from "../desk/fixtures";
import { eventually } from "../runtime/harness";

const SERVER_SECRET = "test-secret-test-secret-test-secret";
process.env.NEXTAUTH_SECRET = SERVER_SECRET;

let database: TestDatabase;
let app: AppServer;
let channel: ChannelRow;
let token: string;
const cookies = { admin: "", agent: "" };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function api(who: keyof typeof cookies, method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...browserHeaders(app.url, cookies[who]), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => ({}))) as Json };
}

function graph(path: string, init: RequestInit = {}) {
  return fetch(`${app.url}/api/sandbox/graph/${path}`, { ...init, headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...(init.headers ?? {}) } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({
    databaseUrl: database.url,
    pgliteDir: database.dataDir,
    env: { SEED_DEMO: "1", NEXTAUTH_SECRET: SERVER_SECRET, SANDBOX_SENT_AFTER_MS: "30", SANDBOX_DELIVERED_AFTER_MS: "30", SANDBOX_TEMPLATE_REVIEW_MS: "300" },
  });
  [channel] = (await database.db.select().from(channels).where(eq(channels.phoneNumberId, SANDBOX_PHONE_NUMBER_ID))) as [ChannelRow];
  token = channelSecrets(channel).accessToken;
  for (const who of ["admin", "agent"] as const) {
    const session = await signIn(app.url, `${who}@demo.atendo`, "atendo-demo");
    expect(session.ok).toBe(true);
    cookies[who] = session.cookie;
  }
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("the sandbox WABA", () => {
  test("lists its seeded templates page by page, like Meta; a wrong token or WABA is refused", async () => {
    expect(channel.wabaId).toBe(SANDBOX_WABA_ID);
    const seen: Json[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await graph(`${SANDBOX_WABA_ID}/message_templates?limit=4${after ? `&after=${after}` : ""}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as Json;
      seen.push(...page.data);
      pages++;
      if (!page.paging?.next) break;
      after = page.paging.cursors.after;
    }
    expect(pages).toBe(3);
    expect(seen.map((t) => `${t.name}/${t.language}`)).toEqual(expect.arrayContaining(["order_shipped/es", "appointment_reminder/pt_BR", "summer_sale/en_US", "hello_world/en_US"]));
    expect(seen).toHaveLength(10);
    expect(seen.every((t) => t.status === "APPROVED")).toBe(true);

    expect((await graph(`${SANDBOX_WABA_ID}/message_templates`, { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const unknown = await graph("999999999/message_templates");
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as Json).error.code).toBe(100);
  });

  test("admins sync them; a new one goes PENDING → APPROVED by the status webhook; a 'reject' one is rejected", async () => {
    const synced = await api("admin", "POST", `/api/channels/${channel.id}/templates/sync`);
    expect(synced.status).toBe(200);
    expect(synced.json.result).toMatchObject({ total: 10, created: 10 });

    const created = await api("admin", "POST", `/api/channels/${channel.id}/templates`, {
      name: "encuesta_entrega",
      language: "es",
      category: "UTILITY",
      body: { text: "Hola {{1}}, ¿cómo fue tu entrega?", examples: ["Ana"] },
      buttons: [{ type: "QUICK_REPLY", text: "Bien" }, { type: "QUICK_REPLY", text: "Mal" }],
    });
    expect(created.status).toBe(201);
    expect(created.json.template.status).toBe("PENDING");
    const rejected = await api("admin", "POST", `/api/channels/${channel.id}/templates`, {
      name: "promo_reject_demo",
      language: "es",
      category: "MARKETING",
      body: { text: "¡Todo gratis!" },
    });
    expect(rejected.status).toBe(201);

    const statusOf = async (name: string) => (await database.db.select().from(messageTemplates).where(eq(messageTemplates.name, name)))[0];
    await eventually(async () => (await statusOf("encuesta_entrega"))?.status === "APPROVED", 15_000, "the sandbox approving the template");
    await eventually(async () => (await statusOf("promo_reject_demo"))?.status === "REJECTED", 15_000, "the sandbox rejecting the template");
    expect((await statusOf("promo_reject_demo"))!.rejectionReason).toBe("INVALID_FORMAT");
  });
});

describe("template sends", () => {
  const base = { messaging_product: "whatsapp", recipient_type: "individual", to: "5511955550000", type: "template" };

  test("checked like Meta: 132001 unknown, 132000 parameters that don't match", async () => {
    const unknown = await graph(`${SANDBOX_PHONE_NUMBER_ID}/messages`, { method: "POST", body: JSON.stringify({ ...base, template: { name: "no_such", language: { code: "es" } } }) });
    expect(((await unknown.json()) as Json).error.code).toBe(132001);
    const missing = await graph(`${SANDBOX_PHONE_NUMBER_ID}/messages`, {
      method: "POST",
      body: JSON.stringify({ ...base, template: { name: "appointment_reminder", language: { code: "es" }, components: [{ type: "body", parameters: [{ type: "text", text: "Ana" }] }] } }),
    });
    expect(missing.status).toBe(400);
    const error = ((await missing.json()) as Json).error;
    expect(error.code).toBe(132000);
    expect(error.error_data.details).toContain("{{2}}");
  });

  test("an agent's template arrives in the simulator as WhatsApp shows it: header, body, footer, buttons", async () => {
    const ids = await demoIds(database.db);
    const waId = "5511955551234";
    const conversation = await createConversation(database.db, {
      channelId: channel.id,
      queueId: ids.soporte,
      status: "assigned",
      assigneeId: ids.agent.id,
      waId,
      lastInboundAt: new Date(Date.now() - 48 * 3600_000),
    });
    const [esTemplate] = await database.db
      .select()
      .from(messageTemplates)
      .where(and(eq(messageTemplates.name, "order_shipped"), eq(messageTemplates.language, "es")));
    const sent = await api("agent", "POST", `/api/desk/conversations/${conversation.id}/reply`, {
      kind: "template",
      templateId: esTemplate!.id,
      params: { header: { text: "#4821" }, body: ["Ana", "#4821", "12/12"], buttons: [{ index: 0, text: "4821" }] },
    });
    expect(sent.status).toBe(201);
    const bubble = await eventually(async () => {
      const res = await fetch(`${app.url}/api/sandbox/conversations?phone=${waId}`, { headers: { cookie: cookies.agent } });
      const { conversation: chat } = (await res.json()) as Json;
      return chat.messages.find((m: Json) => m.kind === "template");
    }, 30_000, "the template in the simulator");
    expect(bubble).toMatchObject({
      templateName: "order_shipped",
      header: "Pedido #4821",
      text: "Hola Ana, tu pedido #4821 salió hoy y llegará el 12/12.",
      footer: "Tienda Aurora",
      links: [{ title: "Seguir envío", url: "https://tienda-aurora.example/track/4821" }],
    });
  });
});
