/**
 * Profile fields through the real webhook path: a flow asks for an e-mail and saves it into the
 * contact's `email` field; the conversation ends; the next conversation renders {{contact.email}}.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { contacts, inbox, messages, workspace } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { browserHeaders, signIn } from "../../support/session";
import { messageEnvelope, textMessage } from "../../support/webhook";
import { conversationsOf, customerPhone, eventually, outboxOf, publishChannelFlow, startHarness, type Harness } from "../runtime/harness";
import { ALWAYS_OPEN } from "../../support/business-hours";


let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { RUNTIME_SETTINGS_CACHE_MS: "100" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
  const admin = await signIn(h.app.url, "admin@demo.atendo", "atendo-demo");
  const res = await fetch(`${h.app.url}/api/contacts/fields`, {
    method: "POST",
    headers: { ...browserHeaders(h.app.url, admin.cookie), "content-type": "application/json" },
    body: JSON.stringify({ key: "email", label: "E-mail", kind: "email" }),
  });
  expect(res.status).toBe(201);
  await publishChannelFlow(h, (doc): FlowDocument => ({
    ...doc,
    nodes: [
      { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
      { id: "hello", type: "message", position: { x: 0, y: 100 }, data: { text: "Hola. Correo en tu ficha: [{{contact.email}}]" } },
      {
        id: "ask",
        type: "question",
        position: { x: 0, y: 200 },
        data: { text: "¿Cuál es tu correo?", variable: "correo", validation: { kind: "email" }, contactField: "email" },
      },
      { id: "bye", type: "end", position: { x: 0, y: 300 }, data: { text: "Gracias, guardamos {{contact.email}}." } },
    ],
    edges: [
      { id: "e1", source: "start", target: "hello" },
      { id: "e2", source: "hello", target: "ask" },
      { id: "e3", source: "ask", target: "bye" },
    ],
  }));
});

afterAll(async () => {
  await h?.stop();
});

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

const texts = (waId: string) => h.graph.accepted(waId).map((r) => (r.body?.text as { body?: string } | undefined)?.body ?? "");

describe("contact profile fields in flows", () => {
  test("a field written by a flow is read by the next conversation", async () => {
    const waId = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "hola"), "Ana"));
    await h.graph.waitFor(() => texts(waId).includes("¿Cuál es tu correo?"), 30_000, "the question");
    expect(texts(waId)).toContain("Hola. Correo en tu ficha: []");

    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "Ana.Souza@Example.com"), "Ana"));
    await h.graph.waitFor(() => texts(waId).some((t) => t.startsWith("Gracias")), 30_000, "the goodbye");
    // Read in the same step that saved it, as the customer typed it.
    expect(texts(waId)).toContain("Gracias, guardamos Ana.Souza@Example.com.");
    await settled(waId);
    const [first] = await conversationsOf(h, waId);
    expect(first!.status).toBe("closed");
    // Stored in its canonical form (e-mail in lower case), on the contact, not the conversation.
    const [contact] = await h.database.db.select({ fields: contacts.fields }).from(contacts).where(eq(contacts.waId, waId));
    expect(contact!.fields).toEqual({ email: "ana.souza@example.com" });

    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "hola de nuevo"), "Ana"));
    await h.graph.waitFor(() => texts(waId).includes("Hola. Correo en tu ficha: [ana.souza@example.com]"), 30_000, "the next conversation's greeting");
    const list = await conversationsOf(h, waId);
    expect(list).toHaveLength(2);
  });

  test("a value that does not fit the field is not saved, and the transcript says why", async () => {
    const waId = customerPhone();
    await publishChannelFlow(h, (doc) => {
      const ask = doc.nodes.find((n) => n.id === "ask");
      if (ask?.type === "question") ask.data.validation = { kind: "any" };
      return doc;
    });
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "hola"), "Beto"));
    await h.graph.waitFor(() => texts(waId).includes("¿Cuál es tu correo?"), 30_000, "the question");
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(waId, "no tengo"), "Beto"));
    await h.graph.waitFor(() => texts(waId).some((t) => t.startsWith("Gracias")), 30_000, "the goodbye");
    await settled(waId);
    const [contact] = await h.database.db.select({ fields: contacts.fields }).from(contacts).where(eq(contacts.waId, waId));
    expect(contact!.fields).toEqual({});
    const [conversation] = await conversationsOf(h, waId);
    const notes = await h.database.db.select({ body: messages.body }).from(messages).where(sql`${messages.conversationId} = ${conversation!.id} and ${messages.direction} = 'system'`);
    expect(notes.map((n) => n.body).join("\n")).toMatch(/no tengo.*email.*not an e-mail address/);
  });
});
