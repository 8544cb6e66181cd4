import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { DEFAULT_OPT_CONFIRMATIONS } from "@/lib/contacts/opt-out/keywords";
import { assertMayReceiveMarketing } from "@/lib/contacts/opt-out/store";
import { auditLog, contacts, users, workspace } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { signIn } from "../../support/session";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, outboxOf, publishChannelFlow, startHarness, type Harness } from "../runtime/harness";

// Opt-out (docs/outreach.md): keywords written alone, matched ignoring case and accents, before
// the flow and the desk; the contact is marked, told, and the change is in the audit log.

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let h: Harness;
let adminCookie = "";
let agentCookie = "";

beforeAll(async () => {
  // No settings cache: every batch reads the workspace as the test left it.
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "0" } });
  adminCookie = (await signIn(h.app.url, "admin@demo.atendo", "atendo-demo")).cookie;
  agentCookie = (await signIn(h.app.url, "agent@demo.atendo", "atendo-demo")).cookie;
});

afterAll(async () => {
  await h?.stop();
});

async function api(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${h.app.url}${path}`, {
    method,
    headers: { cookie, origin: new URL(h.app.url).origin, ...(method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

const textsTo = (to: string) => h.graph.accepted(to).map((r) => (r.body!.text as { body: string } | undefined)?.body ?? `[${String(r.body!.type)}]`);

async function say(from: string, text: string, sentBefore = textsTo(from).length): Promise<string[]> {
  expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, text)))).status).toBe(200);
  await eventually(async () => textsTo(from).length > sentBefore && (await outboxOf(h, from)).every((r) => r.status !== "pending"), 45_000, `answer to "${text}"`);
  return textsTo(from).slice(sentBefore);
}

async function contactOf(waId: string) {
  const [row] = await h.database.db.select().from(contacts).where(eq(contacts.waId, waId));
  return row!;
}

async function auditOf(contactId: string) {
  return h.database.db
    .select({ action: auditLog.action, actorId: auditLog.actorId, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "contact"), eq(auditLog.entityId, contactId)))
    .orderBy(asc(auditLog.id));
}

async function setLocale(locale: "es" | "pt" | "en") {
  await h.database.db.update(workspace).set({ defaultLocale: locale });
}

describe("opt-out and opt-in keywords", () => {
  test('"Sair" (Portuguese workspace) opts out, confirms, audits; "voltar" opts back in', async () => {
    await setLocale("pt");
    const from = customerPhone();
    const replies = await say(from, "  Sair! ");
    expect(replies).toEqual([DEFAULT_OPT_CONFIRMATIONS.pt.optOutConfirmation]);
    const contact = await contactOf(from);
    expect(contact.optedOutAt).not.toBeNull();
    expect(contact.optOutSource).toBe("keyword");
    // The keyword opened no attendance: its conversation closed again, the flow never ran.
    const [conversation] = await conversationsOf(h, from);
    expect(conversation).toMatchObject({ status: "closed", closedReason: "opt_out" });
    expect(await auditOf(contact.id)).toEqual([{ action: "contact.opt_out", actorId: null, details: expect.objectContaining({ source: "keyword", keyword: "Sair!" }) }]);
    await expect(assertMayReceiveMarketing(h.database.db, contact.id)).rejects.toMatchObject({ status: 409, details: { reason: "opted_out" } });

    // Writing it again re-confirms and changes nothing.
    expect(await say(from, "SAIR")).toEqual([DEFAULT_OPT_CONFIRMATIONS.pt.optOutConfirmation]);
    expect(await auditOf(contact.id)).toHaveLength(1);

    expect(await say(from, "Voltar")).toEqual([DEFAULT_OPT_CONFIRMATIONS.pt.optInConfirmation]);
    const back = await contactOf(from);
    expect(back.optedOutAt).toBeNull();
    expect((await auditOf(contact.id)).map((a) => a.action)).toEqual(["contact.opt_out", "contact.opt_in"]);
    await expect(assertMayReceiveMarketing(h.database.db, contact.id)).resolves.toBeUndefined();
  });

  test('"baja" in a Spanish workspace, in the middle of a flow: the flow keeps waiting where it was', async () => {
    await setLocale("es");
    const from = customerPhone();
    const greeting = await say(from, "hola");
    expect(greeting.length).toBeGreaterThan(0);
    const [before] = await conversationsOf(h, from);
    expect(before!.status).toBe("bot");
    expect(await say(from, "BAJA")).toEqual([DEFAULT_OPT_CONFIRMATIONS.es.optOutConfirmation]);
    const [after] = await conversationsOf(h, from);
    expect(after).toMatchObject({ id: before!.id, status: "bot" });
    expect(after!.flowState).toEqual(before!.flowState);
    expect((await contactOf(from)).optedOutAt).not.toBeNull();
  });

  test("an opt-in word from a contact who never opted out is an ordinary message for the flow", async () => {
    await setLocale("es");
    const from = customerPhone();
    const replies = await say(from, "volver");
    expect(replies).not.toContain(DEFAULT_OPT_CONFIRMATIONS.es.optInConfirmation);
    const [conversation] = await conversationsOf(h, from);
    expect(conversation!.status).toBe("bot");
    expect(await auditOf((await contactOf(from)).id)).toEqual([]);
  });

  test("admins set their own keywords and confirmations; a word may not both opt out and in", async () => {
    await setLocale("es");
    const refused = await api(adminCookie, "PUT", "/api/opt-out/settings", { optOut: ["no más"], optIn: ["No mas"] });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.json)).toContain("opt-out keyword too");
    expect((await api(agentCookie, "PUT", "/api/opt-out/settings", { optOut: ["x"] })).status).toBe(403);

    const saved = await api(adminCookie, "PUT", "/api/opt-out/settings", { optOut: ["no más"], optOutConfirmation: "Hecho, {{contact.name}}: no más promociones." });
    expect(saved.status).toBe(200);
    expect(saved.json.settings.own).toMatchObject({ optOut: ["no más"], optIn: null });
    try {
      const from = customerPhone();
      expect(await say(from, "No Mas")).toEqual(["Hecho, Cliente Prueba: no más promociones."]);
      expect((await contactOf(from)).optedOutAt).not.toBeNull();
      // "baja" is no keyword any more: the flow answers it.
      const other = customerPhone();
      expect(await say(other, "baja")).not.toContain(DEFAULT_OPT_CONFIRMATIONS.es.optOutConfirmation);
      expect((await contactOf(other)).optedOutAt).toBeNull();
    } finally {
      expect((await api(adminCookie, "PUT", "/api/opt-out/settings", {})).status).toBe(200);
    }
  });
});

describe("opt-out by a person and by a flow", () => {
  test("an admin opts a contact out and back in through the desk and the contacts API; audited with the actor; agents outside the conversation get 404", async () => {
    await setLocale("es");
    const from = customerPhone();
    await say(from, "hola");
    const [conversation] = await conversationsOf(h, from);
    const contact = await contactOf(from);
    const [admin] = await h.database.db.select().from(users).where(eq(users.email, "admin@demo.atendo"));

    // A bot conversation is in no queue: not the agent's to read.
    expect((await api(agentCookie, "PUT", `/api/desk/conversations/${conversation!.id}/opt-out`, { optedOut: true })).status).toBe(404);
    expect((await api(adminCookie, "PUT", `/api/desk/conversations/${conversation!.id}/opt-out`, { optedOut: "yes" })).status).toBe(422);

    const out = await api(adminCookie, "PUT", `/api/desk/conversations/${conversation!.id}/opt-out`, { optedOut: true });
    expect(out.status).toBe(200);
    expect(out.json.optOut).toMatchObject({ optedOut: true, source: "agent" });
    expect((await api(adminCookie, "GET", `/api/desk/conversations/${conversation!.id}/opt-out`)).json.optOut.optedOut).toBe(true);

    const back = await api(adminCookie, "PUT", `/api/contacts/${contact.id}/opt-out`, { optedOut: false });
    expect(back.status).toBe(200);
    expect(back.json.optOut.optedOut).toBe(false);
    expect((await api(adminCookie, "GET", `/api/contacts/${crypto.randomUUID()}/opt-out`)).status).toBe(404);

    expect(await auditOf(contact.id)).toEqual([
      { action: "contact.opt_out", actorId: admin!.id, details: expect.objectContaining({ source: "agent", conversationId: conversation!.id }) },
      { action: "contact.opt_in", actorId: admin!.id, details: expect.objectContaining({ source: "agent" }) },
    ]);
  });

  test("a flow's opt_out step marks the contact in the step's transaction and says the workspace's confirmation", async () => {
    await setLocale("en");
    const version = await publishChannelFlow(h, (doc: FlowDocument) => {
      const start = doc.nodes.find((n) => n.type === "start")!;
      return {
        ...doc,
        nodes: [start, { id: "leave", type: "opt_out", position: { x: 0, y: 100 }, data: { action: "opt_out" } }, { id: "bye", type: "end", position: { x: 0, y: 200 }, data: {} }],
        edges: [
          { id: "e1", source: start.id, target: "leave" },
          { id: "e2", source: "leave", target: "bye" },
        ],
      } as FlowDocument;
    });
    const from = customerPhone();
    expect(await say(from, "hello")).toEqual([DEFAULT_OPT_CONFIRMATIONS.en.optOutConfirmation]);
    const contact = await contactOf(from);
    expect(contact).toMatchObject({ optOutSource: "flow" });
    expect(contact.optedOutAt).not.toBeNull();
    expect(await auditOf(contact.id)).toEqual([{ action: "contact.opt_out", actorId: null, details: expect.objectContaining({ source: "flow", nodeId: "leave", flowVersion: version.number }) }]);
  });
});
