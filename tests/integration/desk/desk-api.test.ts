import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { auditLog, contacts, conversations, messages, messageTemplates, outbox, users } from "@/lib/db/schema";
import { linkQuotedProtocol } from "@/lib/desk/protocol-link";
import { publishEvent } from "@/lib/realtime/events";
import { whatsappBody, type OutgoingContent } from "@/lib/runtime/enqueue";
import { startAppServer, type AppServer } from "../../support/app-server";
import { createTestDatabase, type TestDatabase } from "../../support/db";
import { browserHeaders, signIn } from "../../support/session";
import { createConversation, demoIds } from "./fixtures";

let database: TestDatabase;
let app: AppServer;

/**
 * The Graph API request the sender will make for a transcript message: its outbox row is
 * queued without a body, which is rendered from the message's content when it goes out.
 */
async function requestBody(messageId: string): Promise<unknown> {
  const [row] = await database.db.select().from(outbox).where(eq(outbox.messageId, messageId));
  const [message] = await database.db.select().from(messages).where(eq(messages.id, messageId));
  expect(row!.body).toBeNull();
  return whatsappBody(row!.contactWaId, message!.payload as OutgoingContent);
}

let ids: Awaited<ReturnType<typeof demoIds>>;
const cookie: Record<"admin" | "agent" | "agent2" | "editor", string> = { admin: "", agent: "", agent2: "", editor: "" };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
async function api(who: keyof typeof cookie, method: string, path: string, body?: unknown): Promise<{ status: number; json: Json; text: string; headers: Headers }> {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...browserHeaders(app.url, cookie[who]), ...(body !== undefined || method !== "GET" ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? (typeof body === "string" ? body : JSON.stringify(body)) : undefined,
  });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text);
  } catch {
    // HTML export
  }
  return { status: res.status, json, text, headers: res.headers };
}

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer({ databaseUrl: database.url, pgliteDir: database.dataDir, env: { SEED_DEMO: "1" } });
  for (const [who, email] of [
    ["admin", "admin@demo.atendo"],
    ["agent", "agent@demo.atendo"],
    ["agent2", "agent2@demo.atendo"],
    ["editor", "editor@demo.atendo"],
  ] as const) {
    const result = await signIn(app.url, email, "atendo-demo");
    expect(result.ok, email).toBe(true);
    cookie[who] = result.cookie;
  }
  ids = await demoIds(database.db);
});

afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

describe("claiming", () => {
  test("the first agent gets it; the second gets 409 'already taken'", async () => {
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    const waiting = await api("agent2", "GET", "/api/desk/conversations?status=queued&queue=soporte");
    expect(waiting.json.conversations.some((x: Json) => x.id === c.id && x.position >= 1)).toBe(true);

    const first = await api("agent", "POST", `/api/desk/conversations/${c.id}/claim`);
    expect(first.status).toBe(200);
    expect(first.json.conversation.assigneeId).toBe(ids.agent.id);
    const second = await api("agent2", "POST", `/api/desk/conversations/${c.id}/claim`);
    expect(second.status).toBe(409);
    expect(second.json.error.message).toMatch(/already taken/i);
    expect(second.json.error.details.reason).toBe("already_taken");

    const mine = await api("agent", "GET", "/api/desk/conversations?status=assigned&assignee=me");
    expect(mine.json.conversations.map((x: Json) => x.id)).toContain(c.id);
  });
});

describe("replies", () => {
  test("only the holder replies (409 otherwise); empty or over-long replies are 422 with a message", async () => {
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    const before = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { text: "Hola" });
    expect(before.status).toBe(409);
    expect(before.json.error.details.reason).toBe("not_claimed");

    expect((await api("agent", "POST", `/api/desk/conversations/${c.id}/claim`)).status).toBe(200);
    const other = await api("agent2", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "text", text: "Hola" });
    expect(other.status).toBe(409);

    const empty = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "text", text: "   " });
    expect(empty.status).toBe(422);
    expect(JSON.stringify(empty.json.error.details)).toMatch(/cannot be empty/);
    const long = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "text", text: "a".repeat(4097) });
    expect(long.status).toBe(422);
    expect(JSON.stringify(long.json.error.details)).toMatch(/4096/);
    const malformed = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, "{not json");
    expect(malformed.status).toBe(400);

    const ok = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "text", text: "a".repeat(4096) });
    expect(ok.status).toBe(201);
    expect(ok.json.message).toMatchObject({ direction: "outbound", author: "agent", agentId: ids.agent.id });
    expect(((await requestBody(ok.json.message.id)) as Json).text.body).toHaveLength(4096);
    const [conv] = await database.db.select().from(conversations).where(eq(conversations.id, c.id));
    expect(conv!.firstResponseAt).not.toBeNull();
  });

  test("internal notes are kept in the transcript and never reach the outbox", async () => {
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    const note = await api("agent", "POST", `/api/desk/conversations/${c.id}/notes`, { text: "Cliente VIP, revisar pedido 48213" });
    expect(note.status).toBe(201);
    expect(await database.db.select().from(outbox).where(eq(outbox.conversationId, c.id))).toHaveLength(0);
    const detail = await api("agent2", "GET", `/api/desk/conversations/${c.id}`);
    expect(detail.json.conversation.messages.some((m: Json) => m.direction === "note" && m.body === "Cliente VIP, revisar pedido 48213")).toBe(true);
  });

  test("the 24-hour window: free-form replies refused with 422 outside it, approved templates allowed", async () => {
    const c = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.soporte,
      status: "assigned",
      assigneeId: ids.agent.id,
      lastInboundAt: new Date(Date.now() - 25 * 3600_000),
    });
    const detail = await api("agent", "GET", `/api/desk/conversations/${c.id}`);
    expect(detail.json.conversation.window.open).toBe(false);
    const text = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "text", text: "¿Sigues ahí?" });
    expect(text.status).toBe(422);
    expect(text.json.error.details.reason).toBe("window_closed");
    const media = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "media", media: { kind: "image", url: "https://example.com/a.png" } });
    expect(media.status).toBe(422);

    // An approved template of the conversation's channel, as a sync from Meta stores it.
    const [created] = await database.db
      .insert(messageTemplates)
      .values({ channelId: ids.channelId, name: "seguimiento_pedido", language: "es", category: "UTILITY", status: "APPROVED", components: [{ type: "BODY", text: "Hola {{1}}, tu pedido {{2}} está en camino." }] })
      .returning();
    const offered = await api("agent", "GET", "/api/desk/templates");
    expect(offered.json.templates.map((x: Json) => x.name)).toContain("seguimiento_pedido");
    const wrongCount = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "template", templateId: created!.id, parameters: ["Ana"] });
    expect(wrongCount.status).toBe(422);
    expect(wrongCount.json.error.details.issues).toMatchObject([{ path: "body.1", variable: "{{2}}" }]);
    const sent = await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { kind: "template", templateId: created!.id, parameters: ["Ana", "48213"] });
    expect(sent.status).toBe(201);
    expect(sent.json.message.body).toBe("Hola Ana, tu pedido 48213 está en camino.");
    expect(((await requestBody(sent.json.message.id)) as Json).type).toBe("template");

    // The customer writes again: the window reopens.
    await database.db.update(contacts).set({ lastInboundAt: new Date() }).where(eq(contacts.id, c.contactId));
    expect((await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { text: "¡Hola de nuevo!" })).status).toBe(201);
  });
});

describe("transfer, resolve, reopen", () => {
  test("transfer to another queue with a note; agents outside it lose access", async () => {
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    expect((await api("agent2", "POST", `/api/desk/conversations/${c.id}/claim`)).status).toBe(200);
    const moved = await api("agent2", "POST", `/api/desk/conversations/${c.id}/transfer`, { queueId: ids.ventas, note: "Quiere comprar 3 unidades" });
    expect(moved.status).toBe(200);
    expect(moved.json.conversation).toMatchObject({ status: "queued", queueId: ids.ventas, assigneeId: null });
    // agent2 is not in "ventas": the conversation is gone for them.
    expect((await api("agent2", "GET", `/api/desk/conversations/${c.id}`)).status).toBe(404);
    const seen = await api("agent", "GET", `/api/desk/conversations/${c.id}`);
    expect(seen.status).toBe(200);
    expect(seen.json.conversation.messages.some((m: Json) => m.direction === "note" && m.body === "Quiere comprar 3 unidades")).toBe(true);

    const bad = await api("agent", "POST", `/api/desk/conversations/${c.id}/transfer`, { queueId: ids.ventas, agentId: ids.agent2.id });
    expect(bad.status).toBe(422);
    const direct = await api("agent", "POST", `/api/desk/conversations/${c.id}/transfer`, { agentId: ids.agent.id });
    expect(direct.json.conversation).toMatchObject({ status: "assigned", assigneeId: ids.agent.id });
  });

  test("resolve sends the closing message with the protocol; reopen brings it back", async () => {
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "assigned", assigneeId: ids.agent.id });
    const resolved = await api("agent", "POST", `/api/desk/conversations/${c.id}/resolve`, { closingMessage: "Gracias. Tu protocolo es {{protocol}}." });
    expect(resolved.status).toBe(200);
    expect(resolved.json.conversation.status).toBe("closed");
    const rows = await database.db.select().from(messages).where(and(eq(messages.conversationId, c.id), eq(messages.direction, "outbound")));
    expect(rows.map((m) => m.body)).toContain(`Gracias. Tu protocolo es ${c.protocol}.`);
    expect((await api("agent", "POST", `/api/desk/conversations/${c.id}/reply`, { text: "hola" })).status).toBe(409);
    expect((await api("agent", "POST", `/api/desk/conversations/${c.id}/resolve`, {})).status).toBe(409);

    const reopened = await api("agent2", "POST", `/api/desk/conversations/${c.id}/reopen`);
    expect(reopened.status).toBe(200);
    expect(reopened.json.conversation).toMatchObject({ status: "assigned", assigneeId: ids.agent2.id });
  });

  test("a reopen is refused while the customer has another open conversation", async () => {
    const closed = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "closed" });
    await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, contactId: closed.contactId });
    const res = await api("agent", "POST", `/api/desk/conversations/${closed.id}/reopen`);
    expect(res.status).toBe(409);
    expect(res.json.error.details.reason).toBe("contact_has_open");
  });
});

describe("protocols", () => {
  test("quoting an earlier protocol links it, and the agent sees that transcript", async () => {
    const old = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.soporte,
      status: "closed",
      messages: [
        { direction: "inbound", author: "customer", body: "Mi pedido 48213 llegó roto" },
        { direction: "outbound", author: "agent", body: "Lo cambiamos sin costo" },
      ],
    });
    const stranger = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "closed" });
    const current = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, contactId: old.contactId });
    // Somebody else's protocol is not linked.
    expect(await linkQuotedProtocol(database.db, current, `hola, protocolo ${stranger.protocol}`)).toBeNull();
    expect(await linkQuotedProtocol(database.db, current, `Hola, mi protocolo es ${old.protocol}, sigue pendiente`)).toBe(old.id);

    const detail = await api("agent2", "GET", `/api/desk/conversations/${current.id}`);
    expect(detail.json.conversation.linked.protocol).toBe(old.protocol);
    expect(detail.json.conversation.linked.messages.map((m: Json) => m.body)).toContain("Mi pedido 48213 llegó roto");
    expect(detail.json.conversation.history.map((h: Json) => h.protocol)).toContain(old.protocol);

    const lookup = await api("agent2", "GET", `/api/desk/protocols/${old.protocol}`);
    expect(lookup.status).toBe(200);
    expect(lookup.json.conversation.id).toBe(old.id);
    const search = await api("agent2", "GET", `/api/desk/protocols?q=${old.protocol}`);
    expect(search.json.results.map((r: Json) => r.protocol)).toEqual([old.protocol]);
  });

  test("the HTML export escapes script payloads in the contact name and messages; JSON keeps them verbatim", async () => {
    const name = `<script>alert("name")</script>`;
    const payload = `<img src=x onerror=alert(1)> & "quotes"`;
    const c = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.soporte,
      name,
      messages: [{ direction: "inbound", author: "customer", body: payload }],
    });
    const html = await api("agent", "GET", `/api/desk/protocols/${c.protocol}/export?format=html`);
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toMatch(/text\/html/);
    expect(html.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
    expect(html.text).toContain("&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;");
    expect(html.text).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;");
    expect(html.text).not.toContain("<script>alert");
    expect(html.text).not.toContain("<img src=x");
    expect(html.text).toContain(c.protocol);

    const json = await api("agent", "GET", `/api/desk/protocols/${c.protocol}/export?format=json`);
    expect(json.json.contact.name).toBe(name);
    expect(json.json.messages[0].text).toBe(payload);

    const audit = await api("admin", "GET", "/api/desk/audit?action=transcript.export");
    expect(audit.json.entries.filter((e: Json) => e.details.protocol === c.protocol).map((e: Json) => e.details.format).sort()).toEqual(["html", "json"]);
    expect(audit.json.entries[0].actor.name).toBe("Alicia Agente");
  });
});

describe("IDOR: an agent of queue A asking for a conversation of queue B gets 404 everywhere", () => {
  test("every desk route", async () => {
    // agent2 belongs to "soporte" only; this customer has only ever been in "ventas".
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.ventas, status: "assigned", assigneeId: ids.agent.id });
    const [message] = await database.db.select().from(messages).where(eq(messages.conversationId, c.id));
    const base = `/api/desk/conversations/${c.id}`;
    const attempts: [string, string, unknown?][] = [
      ["GET", base],
      ["POST", `${base}/claim`],
      ["POST", `${base}/reply`, { kind: "text", text: "hola" }],
      ["POST", `${base}/notes`, { text: "hola" }],
      ["POST", `${base}/transfer`, { queueId: ids.soporte }],
      ["POST", `${base}/resolve`, {}],
      ["POST", `${base}/reopen`],
      ["POST", `${base}/read`],
      ["POST", `${base}/messages/${message!.id}/retry`],
      ["GET", `/api/desk/protocols/${c.protocol}`],
      ["GET", `/api/desk/protocols/${c.protocol}/export?format=html`],
      ["GET", `/api/desk/protocols/${c.protocol}/export?format=json`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api("agent2", method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.text).not.toContain(c.protocol.slice(9));
    }
    expect((await api("agent2", "GET", `/api/desk/protocols?q=${c.protocol}`)).json.results).toEqual([]);
    expect((await api("agent2", "GET", "/api/desk/conversations?status=assigned")).json.conversations.some((x: Json) => x.id === c.id)).toBe(false);
    // Nothing changed.
    const [after] = await database.db.select().from(conversations).where(eq(conversations.id, c.id));
    expect(after).toMatchObject({ status: "assigned", assigneeId: ids.agent.id, queueId: ids.ventas });
    // The member and the admin do see it.
    expect((await api("agent", "GET", base)).status).toBe(200);
    expect((await api("admin", "GET", base)).status).toBe(200);
    // Editors are not desk users at all.
    expect((await api("editor", "GET", base)).status).toBe(403);
  });
});

describe("live events", () => {
  test("SSE delivers claims in my queues and withholds events of queues I'm not in", async () => {
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/events`, { headers: { cookie: cookie.agent2 }, signal: controller.signal });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const events: Json[] = [];
    let buffer = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of frame.split("\n")) if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)));
        }
      }
    })();
    const waitFor = async (predicate: (e: Json) => boolean) => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        if (events.some(predicate)) return true;
        await new Promise((r) => setTimeout(r, 25));
      }
      return false;
    };
    expect(await waitFor((e) => e.type === "ready")).toBe(true);

    const ventas = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.ventas });
    const soporte = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte });
    expect((await api("agent", "POST", `/api/desk/conversations/${ventas.id}/claim`)).status).toBe(200);
    expect((await api("agent", "POST", `/api/desk/conversations/${soporte.id}/claim`)).status).toBe(200);
    expect(await waitFor((e) => e.type === "conversation.assigned" && e.conversationId === soporte.id && e.assigneeId === ids.agent.id)).toBe(true);
    expect(events.some((e) => e.conversationId === ventas.id)).toBe(false);
    controller.abort();
    await pump;
  });
});

describe("automatic assignment in the running server", () => {
  test("a conversation queued in an automatic queue goes to its online member at once", async () => {
    expect((await api("agent2", "PUT", "/api/desk/presence", { presence: "online" })).json.presence).toBe("online");
    const created = await api("admin", "POST", "/api/desk/queues", { slug: "auto-live", name: "Auto", assignmentMode: "auto", memberIds: [ids.agent2.id] });
    expect(created.status).toBe(201);
    const c = await createConversation(database.db, { channelId: ids.channelId, queueId: created.json.queue.id });
    await publishEvent(database.db, { type: "conversation.queued", conversationId: c.id, queueId: created.json.queue.id });
    const deadline = Date.now() + 10_000;
    let row: typeof conversations.$inferSelect | undefined;
    while (Date.now() < deadline) {
      [row] = await database.db.select().from(conversations).where(eq(conversations.id, c.id));
      if (row?.status === "assigned") break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(row).toMatchObject({ status: "assigned", assigneeId: ids.agent2.id });
    // Away agents get nothing new.
    await api("agent2", "PUT", "/api/desk/presence", { presence: "away" });
    const later = await createConversation(database.db, { channelId: ids.channelId, queueId: created.json.queue.id });
    await publishEvent(database.db, { type: "conversation.queued", conversationId: later.id, queueId: created.json.queue.id });
    // Not "wait a second, then look": a conversation queued after it, in another automatic queue
    // with an online member, gets assigned — by a pass that took the waiting ones oldest first,
    // so it saw `later` and left it queued.
    await database.db.update(users).set({ presence: "online", lastSeenAt: new Date(), capacity: 100 }).where(eq(users.id, ids.agent.id));
    const probeQueue = await api("admin", "POST", "/api/desk/queues", { slug: "auto-probe", name: "Probe", assignmentMode: "auto", memberIds: [ids.agent.id] });
    expect(probeQueue.status).toBe(201);
    const probe = await createConversation(database.db, { channelId: ids.channelId, queueId: probeQueue.json.queue.id });
    await publishEvent(database.db, { type: "conversation.queued", conversationId: probe.id, queueId: probeQueue.json.queue.id });
    for (let assigned = false; !assigned; ) {
      const [row] = await database.db.select().from(conversations).where(eq(conversations.id, probe.id));
      assigned = row?.status === "assigned";
      if (!assigned) await new Promise((r) => setTimeout(r, 50));
    }
    const [still] = await database.db.select().from(conversations).where(eq(conversations.id, later.id));
    expect(still!.status).toBe("queued");
  });
});

describe("supervision", () => {
  test("metrics per queue and agent for admins only; the audit log records claims, transfers and resolves", async () => {
    const metrics = await api("admin", "GET", "/api/desk/metrics");
    expect(metrics.status).toBe(200);
    const soporte = metrics.json.metrics.queues.find((q: Json) => q.name === "Soporte");
    expect(soporte.waiting).toBeGreaterThan(0);
    expect(soporte.longestWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(soporte.resolvedToday).toBeGreaterThanOrEqual(1);
    expect(metrics.json.metrics.agents.map((a: Json) => a.name)).toEqual(expect.arrayContaining(["Alicia Agente", "Bruno Agente"]));
    expect((await api("agent", "GET", "/api/desk/metrics")).status).toBe(403);

    const audit = await api("admin", "GET", "/api/desk/audit?action=conversation.");
    const actions = new Set(audit.json.entries.map((e: Json) => e.action));
    for (const action of ["conversation.claim", "conversation.transfer", "conversation.resolve", "conversation.reopen"]) expect(actions).toContain(action);
    const claim = audit.json.entries.find((e: Json) => e.action === "conversation.claim");
    expect(claim.actor.name).toMatch(/Agente/);
    expect(Date.parse(claim.at)).toBeGreaterThan(Date.now() - 600_000);
    expect((await api("agent", "GET", "/api/desk/audit")).status).toBe(403);
    const rows = await database.db.select().from(auditLog);
    expect(rows.length).toBeGreaterThan(5);
  });
});

/** Server-Sent Events of one user, collected until `close()`. */
async function openEvents(who: keyof typeof cookie) {
  const controller = new AbortController();
  const res = await fetch(`${app.url}/api/events`, { headers: { cookie: cookie[who] }, signal: controller.signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Json[] = [];
  let buffer = "";
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        for (const line of frame.split("\n")) if (line.startsWith("data: ")) events.push(JSON.parse(line.slice(6)));
      }
    }
  })();
  const waitFor = async (predicate: (e: Json) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (events.some(predicate)) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  };
  expect(await waitFor((e) => e.type === "ready")).toBe(true);
  return {
    events,
    waitFor,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe("the read rule: your queues, what you hold, and the earlier conversations of a customer you serve now", () => {
  // agent belongs to "soporte" and "ventas"; agent2 to "soporte" only.
  const readRoutes = (protocol: string, id: string) => [`/api/desk/conversations/${id}`, `/api/desk/protocols/${protocol}`, `/api/desk/protocols/${protocol}/export?format=json`, `/api/desk/protocols/${protocol}/export?format=html`];

  test("a customer once served in my queue does not open their later conversations in other queues", async () => {
    const earlier = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.soporte,
      status: "closed",
      messages: [{ direction: "inbound", author: "customer", body: "Primera vez: soporte" }],
    });
    const later = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.ventas,
      status: "assigned",
      assigneeId: ids.agent.id,
      contactId: earlier.contactId,
      messages: [{ direction: "inbound", author: "customer", body: "Quiero comprar, secreto de ventas" }],
    });
    for (const path of readRoutes(later.protocol, later.id)) {
      const res = await api("agent2", "GET", path);
      expect(res.status, path).toBe(404);
      expect(res.text).not.toContain("secreto de ventas");
    }
    const page = await fetch(`${app.url}/protocols/${later.protocol}`, { headers: { cookie: cookie.agent2 } });
    expect(await page.text()).not.toContain("secreto de ventas");
    expect((await api("agent2", "GET", `/api/desk/protocols?q=${later.protocol}`)).json.results).toEqual([]);
    const [contact] = await database.db.select().from(contacts).where(eq(contacts.id, earlier.contactId));
    const byPhone = await api("agent2", "GET", `/api/desk/protocols?q=${contact!.waId}`);
    expect(byPhone.json.results.map((r: Json) => r.protocol)).toEqual([earlier.protocol]);
    // The earlier one, in agent2's queue, stays readable, without listing the later one.
    const detail = await api("agent2", "GET", `/api/desk/conversations/${earlier.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.conversation.history).toEqual([]);
    // The member of "ventas" and the admin read both.
    for (const who of ["agent", "admin"] as const) {
      for (const path of readRoutes(later.protocol, later.id)) expect((await api(who, "GET", path)).status, `${who} ${path}`).toBe(200);
    }
  });

  test("serving a customer opens their earlier conversations in any queue, and only while serving", async () => {
    const earlier = await createConversation(database.db, {
      channelId: ids.channelId,
      queueId: ids.ventas,
      status: "closed",
      assigneeId: ids.agent.id,
      messages: [{ direction: "inbound", author: "customer", body: "Historia en ventas" }],
    });
    const current = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, contactId: earlier.contactId });
    await database.db.update(conversations).set({ linkedConversationId: earlier.id }).where(eq(conversations.id, current.id));

    // Waiting in agent2's queue is not being served by agent2.
    for (const path of readRoutes(earlier.protocol, earlier.id)) expect((await api("agent2", "GET", path)).status, path).toBe(404);
    expect((await api("agent2", "GET", `/api/desk/protocols?q=${earlier.protocol}`)).json.results).toEqual([]);
    const preview = await api("agent2", "GET", `/api/desk/conversations/${current.id}`);
    expect(preview.status).toBe(200);
    expect(preview.json.conversation.linked).toBeNull();
    expect(preview.json.conversation.history).toEqual([]);

    // Claimed: agent2 serves the customer and reads the history.
    expect((await api("agent2", "POST", `/api/desk/conversations/${current.id}/claim`)).status).toBe(200);
    for (const path of readRoutes(earlier.protocol, earlier.id)) {
      const res = await api("agent2", "GET", path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain("Historia en ventas");
    }
    expect((await api("agent2", "GET", `/api/desk/protocols?q=${earlier.protocol}`)).json.results.map((r: Json) => r.protocol)).toEqual([earlier.protocol]);
    const serving = await api("agent2", "GET", `/api/desk/conversations/${current.id}`);
    expect(serving.json.conversation.linked.messages.map((m: Json) => m.body)).toContain("Historia en ventas");
    expect(serving.json.conversation.history.map((x: Json) => x.protocol)).toEqual([earlier.protocol]);
    // Reading is not acting: the earlier conversation is not agent2's to work on.
    expect((await api("agent2", "POST", `/api/desk/conversations/${earlier.id}/notes`, { text: "hola" })).status).toBe(404);
    expect((await api("agent2", "POST", `/api/desk/conversations/${earlier.id}/reopen`)).status).toBe(404);

    // Resolved: no longer serving, the door closes again.
    expect((await api("agent2", "POST", `/api/desk/conversations/${current.id}/resolve`, {})).status).toBe(200);
    for (const path of readRoutes(earlier.protocol, earlier.id)) expect((await api("agent2", "GET", path)).status, path).toBe(404);
    const after = await api("agent2", "GET", `/api/desk/conversations/${current.id}`);
    expect(after.status).toBe(200);
    expect(after.json.conversation.linked).toBeNull();
    expect(after.json.conversation.history).toEqual([]);
  });

  test("live events follow the same rule", async () => {
    const stream = await openEvents("agent2");
    try {
      const earlier = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.ventas, status: "closed", assigneeId: ids.agent.id });
      const current = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "assigned", assigneeId: ids.agent2.id, contactId: earlier.contactId });
      const stranger = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "closed" });
      const strangerLater = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.ventas, status: "assigned", assigneeId: ids.agent.id, contactId: stranger.contactId });
      // Notes by the admin on conversations of "ventas": one of the customer agent2 serves now, one of a customer agent2 once saw in "soporte".
      expect((await api("admin", "POST", `/api/desk/conversations/${strangerLater.id}/notes`, { text: "nota 1" })).status).toBe(201);
      expect((await api("admin", "POST", `/api/desk/conversations/${earlier.id}/notes`, { text: "nota 2" })).status).toBe(201);
      expect(await stream.waitFor((e) => e.type === "message.created" && e.conversationId === earlier.id)).toBe(true);
      expect(stream.events.some((e) => e.conversationId === strangerLater.id)).toBe(false);
      // No longer serving: nothing more about the earlier conversation.
      await database.db.update(conversations).set({ status: "closed", closedAt: new Date() }).where(eq(conversations.id, current.id));
      expect((await api("admin", "POST", `/api/desk/conversations/${earlier.id}/notes`, { text: "nota 3" })).status).toBe(201);
      expect((await api("admin", "POST", `/api/desk/conversations/${current.id}/notes`, { text: "nota 4" })).status).toBe(201);
      expect(await stream.waitFor((e) => e.type === "message.created" && e.conversationId === current.id)).toBe(true);
      expect(stream.events.filter((e) => e.type === "message.created" && e.conversationId === earlier.id)).toHaveLength(1);
    } finally {
      await stream.close();
    }
  });
});

describe("transcript order", () => {
  test("rows written in one transaction keep their order: the closing message comes before 'Resolved by', everywhere", async () => {
    // Each resolve writes the closing message and the "resolved" event in one transaction
    // (one created_at); a tie broken by chance would misplace about half of them.
    const resolved: { id: string; protocol: string }[] = [];
    for (let i = 0; i < 16; i++) {
      const c = await createConversation(database.db, { channelId: ids.channelId, queueId: ids.soporte, status: "assigned", assigneeId: ids.agent.id });
      const transfer = await api("agent", "POST", `/api/desk/conversations/${c.id}/transfer`, { agentId: ids.agent.id, note: `nota ${i}` });
      expect(transfer.status).toBe(200);
      expect((await api("agent", "POST", `/api/desk/conversations/${c.id}/resolve`, { closingMessage: `Cierre ${i}, protocolo {{protocol}}` })).status).toBe(200);
      resolved.push(c);
    }
    const expected = ["inbound", "note", "system:transferred", "outbound", "system:resolved"];
    const shape = (m: Json) => (m.direction === "system" ? `system:${(m.payload ?? m.event)?.event}` : m.direction);
    for (const c of resolved) {
      const detail = await api("agent", "GET", `/api/desk/conversations/${c.id}`);
      const list: Json[] = detail.json.conversation.messages;
      expect(list.map(shape), c.protocol).toEqual(expected);
      const seqs = list.map((m) => m.seq);
      expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
      const exported = await api("agent", "GET", `/api/desk/protocols/${c.protocol}/export?format=json&notes=1`);
      expect(exported.json.messages.map(shape), c.protocol).toEqual(expected);
      const lookup = await api("agent", "GET", `/api/desk/protocols/${c.protocol}`);
      expect(lookup.json.conversation.messages.map(shape)).toEqual(expected);
      const html = (await api("agent", "GET", `/api/desk/protocols/${c.protocol}/export?format=html`)).text;
      expect(html.indexOf("Cierre")).toBeGreaterThan(0);
      expect(html.indexOf("Cierre")).toBeLessThan(html.lastIndexOf("Alicia Agente"));
    }
    // The list's "last message" is the last one in that order (the event rows are left out).
    const listed = await api("agent", "GET", "/api/desk/conversations?status=closed&limit=200");
    for (const c of resolved) {
      const summary = listed.json.conversations.find((x: Json) => x.id === c.id);
      expect(summary.lastMessage.body).toBe(`Cierre ${resolved.indexOf(c)}, protocolo ${c.protocol}`);
    }
  });
});
