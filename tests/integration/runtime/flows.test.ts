import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { flowVersions, inbox, queues, workspace } from "@/lib/db/schema";
import type { FlowDocument } from "@/lib/flow/schema";
import { browserHeaders, signIn } from "../../support/session";
import { buttonReply, listReply, messageEnvelope, textMessage } from "../../support/webhook";
import { publishChannelFlow, conversationsOf, customerPhone, eventually, outboxOf, startHarness, transcript, type Harness } from "./harness";
import { ALWAYS_OPEN } from "../../support/business-hours";


let h: Harness;
let api: http.Server;
let apiUrl = "";
const apiCalls: string[] = [];

beforeAll(async () => {
  // A customer's order API for the http_request node.
  api = http.createServer((req, res) => {
    apiCalls.push(req.url ?? "");
    const order = /\/orders\/(\d+)/.exec(req.url ?? "")?.[1];
    if (order === "404") {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: "not found" }));
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ order: { id: order, status: "en camino" } }));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", () => resolve()));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  h = await startHarness({ env: { RUNTIME_MAX_ATTEMPTS: "3", RUNTIME_SETTINGS_CACHE_MS: "100" } });
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN, httpAllowHosts: ["127.0.0.1"] });
});

afterAll(async () => {
  await h?.stop();
  await new Promise((r) => api?.close(r));
});

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

/** Publishes a new version of the channel's flow the way the publish API does: new row + active pointer. */
async function publish(change: (doc: FlowDocument) => FlowDocument): Promise<{ id: string; number: number }> {
  return publishChannelFlow(h, change);
}

function node<T extends FlowDocument["nodes"][number]["type"]>(doc: FlowDocument, id: string): Extract<FlowDocument["nodes"][number], { type: T }> {
  return doc.nodes.find((n) => n.id === id) as Extract<FlowDocument["nodes"][number], { type: T }>;
}

const texts = (h: Harness, waId: string) =>
  h.graph.accepted(waId).map((r) => (r.body?.text as { body?: string })?.body ?? ((r.body?.interactive as { body: { text: string } }) ?? { body: { text: "" } }).body.text);

describe("flows at run time", () => {
  test("a conversation pinned to version 1 finishes on version 1 after version 2 is published", async () => {
    const db = h.database.db;
    const early = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(early, "hola"), "Rosa"));
    await h.graph.waitFor(() => h.graph.accepted(early).length === 1, 30_000, "v1 welcome");
    await settled(early);
    const [pinned] = await conversationsOf(h, early);
    const [v1] = await db.select().from(flowVersions).where(eq(flowVersions.id, pinned!.flowVersionId!));
    expect(v1!.number).toBe(1);

    const v2 = await publish((doc) => {
      node<"buttons">(doc, "welcome").data.text = "Versión 2: ¿qué necesitas?";
      node<"list">(doc, "topics").data.text = "Versión 2: elige un tema";
      node<"message">(doc, "returns_info").data.text = "Versión 2: cambios en 60 días.";
      return doc;
    });

    // The early customer goes on with version 1 to the end…
    await h.post(messageEnvelope(h.channel.phoneNumberId, buttonReply(early, "pedidos", "Mis pedidos"), "Rosa"));
    await settled(early);
    await h.post(messageEnvelope(h.channel.phoneNumberId, listReply(early, "cambios", "Cambios y devoluciones"), "Rosa"));
    await settled(early);
    expect(texts(h, early)).toEqual([
      "¡Hola Rosa! 👋 Soy el asistente virtual de Tienda Aurora. ¿En qué te podemos ayudar hoy?",
      "Elige el tema de tu consulta:",
      "Tienes 30 días para cambios y devoluciones. Lleva el producto con su boleta a cualquier tienda o escríbenos aquí.",
      "¡Gracias por escribirnos! Que tengas un buen día.",
    ]);
    const [finished] = await conversationsOf(h, early);
    expect(finished!.status).toBe("closed");
    expect(finished!.closedReason).toBe("end");
    expect(finished!.flowVersionId).toBe(v1!.id);

    // …while a new conversation (a new customer, or the same one coming back) takes version 2.
    const late = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(late, "hola"), "Saúl"));
    await settled(late);
    expect(texts(h, late)).toEqual(["Versión 2: ¿qué necesitas?"]);
    expect((await conversationsOf(h, late))[0]!.flowVersionId).toBe(v2.id);

    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(early, "hola otra vez"), "Rosa"));
    await settled(early);
    const again = await conversationsOf(h, early);
    expect(again).toHaveLength(2);
    expect(again[1]!.flowVersionId).toBe(v2.id);
    expect(texts(h, early).at(-1)).toBe("Versión 2: ¿qué necesitas?");
  });

  test("a conversation idle past sessionTimeoutMinutes is closed; the next message starts a new one", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await settled(from);
    const [first] = await conversationsOf(h, from);
    // Thirty-one minutes pass.
    await h.database.db.execute(sql`update conversations set last_activity_at = now() - interval '31 minutes' where id = ${first!.id}`);
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "sigo aquí")));
    await settled(from);
    const both = await conversationsOf(h, from);
    expect(both).toHaveLength(2);
    expect(both[0]!.status).toBe("closed");
    expect(both[0]!.closedReason).toBe("timeout");
    expect(both[1]!.status).toBe("bot");
    expect(both[1]!.protocol).not.toBe(both[0]!.protocol);
  });

  test("a flow that fails at run time (a bad regex) hands the customer to the default queue with a note", async () => {
    await publish((doc) => {
      node<"question">(doc, "order_number").data.validation = { kind: "regex", pattern: "([0-9]+" };
      return doc;
    });
    const from = customerPhone();
    for (const message of [
      textMessage(from, "hola"),
      buttonReply(from, "pedidos", "Mis pedidos"),
      listReply(from, "estado", "Estado de mi pedido"),
      textMessage(from, "48213"),
    ]) {
      expect((await h.post(messageEnvelope(h.channel.phoneNumberId, message))).status).toBe(200);
      await settled(from);
    }
    const [conversation] = await conversationsOf(h, from);
    const [soporte] = await h.database.db.select().from(queues).where(eq(queues.isDefault, true));
    expect(conversation!.status).toBe("queued");
    expect(conversation!.queueId).toBe(soporte!.id);
    const rows = await transcript(h, conversation!.id);
    const note = rows.find((r) => r.direction === "system")!;
    expect(note.body).toContain("El flujo falló");
    expect(note.body).toContain("order_number");
    expect(note.body).toContain(soporte!.name);
    expect(note.error).toMatchObject({ kind: "flow_error", code: "runtime", nodeId: "order_number" });
    expect((note.error as { message: string }).message).toMatch(/regular expression/);
    // The worker did not crash: the row is done, nothing is parked.
    expect((await h.database.db.select().from(inbox).where(eq(inbox.contactWaId, from))).every((r) => r.status === "done")).toBe(true);
  });

  test("an http_request node calls the API outside the transaction and resumes the flow with the answer", async () => {
    await publish((doc) => ({
      ...doc,
      nodes: [
        { id: "start", type: "start", position: { x: 0, y: 0 }, data: {} },
        { id: "ask", type: "question", position: { x: 0, y: 100 }, data: { text: "¿Número de pedido?", variable: "pedido", validation: { kind: "number" } } },
        {
          id: "lookup",
          type: "http_request",
          position: { x: 0, y: 200 },
          data: { method: "GET", url: `${apiUrl}/orders/{{pedido}}`, headers: {}, timeoutMs: 5000, save: [{ variable: "estado", path: "order.status" }] },
        },
        { id: "found", type: "end", position: { x: 0, y: 300 }, data: { text: "Tu pedido {{pedido}} está {{estado}}." } },
        { id: "missing", type: "handoff", position: { x: 200, y: 300 }, data: { queue: "ventas", text: "No encontramos el pedido {{pedido}}; te atiende una persona." } },
      ],
      edges: [
        { id: "e1", source: "start", target: "ask" },
        { id: "e2", source: "ask", target: "lookup" },
        { id: "e3", source: "lookup", sourceHandle: "success", target: "found" },
        { id: "e4", source: "lookup", sourceHandle: "error", target: "missing" },
      ],
    }) as FlowDocument);

    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await settled(from);
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "48213")));
    await h.graph.waitFor(() => h.graph.accepted(from).length === 2, 30_000, "http answer");
    await settled(from);
    expect(texts(h, from)).toEqual(["¿Número de pedido?", "Tu pedido 48213 está en camino."]);
    expect(apiCalls).toContain("/orders/48213");
    expect((await conversationsOf(h, from))[0]!.status).toBe("closed");

    const other = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(other, "hola")));
    await settled(other);
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(other, "404")));
    await h.graph.waitFor(() => h.graph.accepted(other).length === 2, 30_000, "http error path");
    await settled(other);
    expect(texts(h, other)[1]).toBe("No encontramos el pedido 404; te atiende una persona.");
    const [ventas] = await h.database.db.select().from(queues).where(eq(queues.slug, "ventas"));
    expect((await conversationsOf(h, other))[0]!.queueId).toBe(ventas!.id);
  });

  test("a message that keeps failing is parked as a dead letter without blocking the contact; an admin retries it", async () => {
    const db = h.database.db;
    // A database rule that rejects one message body: a failure no retry can fix.
    await db.execute(sql.raw(`create or replace function atendo_test_reject() returns trigger language plpgsql as $$
      begin if new.body = 'boom' then raise exception 'rejected by test trigger'; end if; return new; end $$`));
    await db.execute(sql.raw(`create trigger atendo_test_reject before insert on messages for each row execute function atendo_test_reject()`));
    const from = customerPhone();
    try {
      const base = Math.floor(Date.now() / 1000);
      await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "boom", { timestamp: base })));
      await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola", { timestamp: base + 1 })));
      // "hola" waits behind "boom" while it is retried, then goes on once "boom" is parked.
      await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 60_000, "the message after the dead letter");
      const [dead] = await db.select().from(inbox).where(sql`${inbox.contactWaId} = ${from} and ${inbox.status} = 'dead'`);
      expect(dead!.attempts).toBe(3);
      expect(dead!.lastError).toContain("rejected by test trigger");

      const admin = await signIn(h.app.url, "admin@demo.atendo", "atendo-demo");
      const page = await fetch(`${h.app.url}/settings/dead-letters`, { headers: { cookie: admin.cookie } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(from);
      expect(html).toContain("rejected by test trigger");

      const agent = await signIn(h.app.url, "agent@demo.atendo", "atendo-demo");
      expect((await fetch(`${h.app.url}/api/runtime/dead-letters/${dead!.id}/retry`, { method: "POST", headers: { ...browserHeaders(h.app.url, agent.cookie), "content-type": "application/json" } })).status).toBe(403);

      await db.execute(sql.raw(`drop trigger atendo_test_reject on messages`));
      const retry = await fetch(`${h.app.url}/api/runtime/dead-letters/${dead!.id}/retry`, { method: "POST", headers: { ...browserHeaders(h.app.url, admin.cookie), "content-type": "application/json" } });
      expect(retry.status).toBe(200);
      await eventually(async () => (await db.select().from(inbox).where(eq(inbox.id, dead!.id)))[0]!.status === "done", 30_000, "retried row processed");
      const [conversation] = await conversationsOf(h, from);
      expect((await transcript(h, conversation!.id)).filter((r) => r.direction === "inbound").map((r) => r.body)).toEqual(["hola", "boom"]);
      expect((await fetch(`${h.app.url}/api/runtime/dead-letters/${dead!.id}/retry`, { method: "POST", headers: { ...browserHeaders(h.app.url, admin.cookie), "content-type": "application/json" } })).status).toBe(404);
    } finally {
      await db.execute(sql.raw(`drop trigger if exists atendo_test_reject on messages`));
    }
  });
});
