import { asc, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inbox, outbox, workspace } from "@/lib/db/schema";
import { contactLockSqlText } from "@/lib/runtime/locks";
import { buttonReply, listReply, messageEnvelope, textMessage } from "../../support/webhook";
import { channelId, conversationsOf, customerPhone, eventually, outboxOf, startHarness, transcript, type Harness } from "./harness";
import { ALWAYS_OPEN } from "../../support/business-hours";


let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.database.db.update(workspace).set({ businessHours: ALWAYS_OPEN });
});

afterAll(async () => {
  await h?.stop();
});

const bodyText = (r: { body: Record<string, unknown> | null }) =>
  ((r.body?.text as { body?: string } | undefined)?.body ?? (r.body?.interactive as { body?: { text?: string } } | undefined)?.body?.text) as string;

async function settled(waId: string) {
  await eventually(async () => {
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${waId} and ${inbox.status} = 'pending'`);
    const rows = await outboxOf(h, waId);
    return pending!.n === 0 && rows.every((r) => r.status !== "pending");
  }, 60_000, `contact ${waId} settled`);
}

describe("ordering and delivery", () => {
  test("50 messages of one contact posted concurrently are processed in timestamp order, in one conversation", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await h.graph.waitFor(() => h.graph.accepted(from).length === 1, 30_000, "welcome");
    await settled(from);

    // Meta delivers concurrently and without order; what we guarantee is that pending
    // messages of a contact are processed in WhatsApp-timestamp order. While this contact is
    // busy — here the test holds its lock, exactly as another instance processing its
    // previous message would — all 50 arrive, shuffled; then they must be taken in order.
    const holder = postgres(h.database.url!, { max: 1, onnotice: () => {} });
    await holder.unsafe(`select pg_advisory_lock(${contactLockSqlText(await channelId(h), from)})`);
    const base = Math.floor(Date.now() / 1000) + 10;
    const batch = Array.from({ length: 50 }, (_, i) => textMessage(from, `mensaje ${String(i).padStart(2, "0")}`, { timestamp: base + i }));
    const shuffled = [...batch].sort(() => Math.random() - 0.5);
    const answers = await Promise.all(shuffled.map((m) => h.post(messageEnvelope(h.channel.phoneNumberId, m))));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    // Held back while the contact is busy.
    const [pending] = await h.database.db.select({ n: sql<number>`count(*)::int` }).from(inbox).where(sql`${inbox.contactWaId} = ${from} and ${inbox.status} = 'pending'`);
    expect(pending!.n).toBe(50);
    await holder.unsafe(`select pg_advisory_unlock(${contactLockSqlText(await channelId(h), from)})`);
    await holder.end();

    await settled(from);
    const conversations = await conversationsOf(h, from);
    expect(conversations).toHaveLength(1);
    const inbound = (await transcript(h, conversations[0]!.id)).filter((r) => r.direction === "inbound").map((r) => r.body);
    expect(inbound).toEqual(["hola", ...batch.map((m) => (m.text as { body: string }).body)]);
    // The inbox processed them in the same order.
    const processed = await h.database.db
      .select({ waMessageId: inbox.waMessageId })
      .from(inbox)
      .where(eq(inbox.contactWaId, from))
      .orderBy(asc(inbox.processedAt));
    expect(processed.slice(1).map((r) => r.waMessageId)).toEqual(batch.map((m) => m.id));
  });

  test("the Graph API answering 429, then 500, then success: delivered once, and in order", async () => {
    const from = customerPhone();
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    const [welcome] = await h.graph.waitFor(() => (h.graph.accepted(from).length === 1 ? h.graph.accepted(from) : null), 30_000, "welcome");
    await h.post(messageEnvelope(h.channel.phoneNumberId, buttonReply(from, "pedidos", "Mis pedidos", { context: { from: "15550783881", id: welcome!.waMessageId! } })));
    await h.graph.waitFor(() => h.graph.accepted(from).length === 2, 30_000, "list");
    await settled(from);

    // "Facturación" answers with two messages; the first one meets a throttled, then a broken, API.
    const toThisCustomer = (r: { kind: string; to: string | null }) => r.kind === "message" && r.to === from;
    h.graph.throttle(1, toThisCustomer);
    h.graph.inject({ kind: "error", status: 500, code: 131000, message: "(#131000) Something went wrong" }, 1, toThisCustomer);
    const before = h.graph.requests.filter(toThisCustomer).length;
    await h.post(messageEnvelope(h.channel.phoneNumberId, listReply(from, "factura", "Facturación")));
    await settled(from);

    const attempts = h.graph.requests.filter(toThisCustomer).slice(before).map((r) => [r.status, bodyText(r)]);
    const billing = "Tus boletas y facturas llegan a tu correo. Si necesitas una factura a nombre de empresa, un asesor te ayuda.";
    const [conversation] = await conversationsOf(h, from);
    const handoff = `Te atenderá una persona en breve. Tu protocolo es ${conversation!.protocol}.`;
    expect(attempts).toEqual([
      [429, billing],
      [500, billing],
      [200, billing],
      [200, handoff],
    ]);
    expect(h.graph.accepted(from).map(bodyText).slice(2)).toEqual([billing, handoff]);
    const rows = await h.database.db.select().from(outbox).where(sql`${outbox.contactWaId} = ${from} and ${outbox.kind} = 'message'`).orderBy(asc(outbox.id));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 1],
      ["sent", 1],
      ["sent", 3],
      ["sent", 1],
    ]);
  });

  test("a permanent error (131047, outside the 24-hour window) fails the message with Meta's error, once", async () => {
    const from = customerPhone();
    h.graph.inject(
      { kind: "error", status: 400, code: 131047, message: "Re-engagement message" },
      1,
      (r) => r.kind === "message" && r.to === from,
    );
    await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")));
    await settled(from);
    const rows = (await outboxOf(h, from)).filter((r) => r.kind === "message");
    expect(rows).toHaveLength(1);
    expect(rows[0]!.status).toBe("failed");
    expect(rows[0]!.attempts).toBe(1);
    expect(rows[0]!.lastError).toMatchObject({ httpStatus: 400, code: 131047, error: { code: 131047, type: "OAuthException" } });
    const [conversation] = await conversationsOf(h, from);
    const outbound = (await transcript(h, conversation!.id)).filter((r) => r.direction === "outbound");
    expect(outbound[0]!.deliveryStatus).toBe("failed");
    expect(outbound[0]!.error).toMatchObject({ source: "send", code: 131047, title: "Re-engagement message" });
    expect(h.graph.requests.filter((r) => r.kind === "message" && r.to === from)).toHaveLength(1);
  });

  test("with the Graph API down, messages wait in the outbox and go out when it is back", async () => {
    const from = customerPhone();
    await h.graph.down();
    try {
      expect((await h.post(messageEnvelope(h.channel.phoneNumberId, textMessage(from, "hola")))).status).toBe(200);
      await eventually(async () => {
        const rows = (await outboxOf(h, from)).filter((r) => r.kind === "message");
        return rows.length === 1 && rows[0]!.status === "pending" && rows[0]!.attempts >= 2 && rows[0]!.lastError;
      }, 60_000, "failed attempts while the API is down");
      expect(h.graph.accepted(from)).toHaveLength(0);
    } finally {
      await h.graph.up();
    }
    await h.graph.waitFor(() => h.graph.accepted(from).length >= 1, 90_000, "the reply after the API came back");
    await settled(from);
    expect(h.graph.accepted(from)).toHaveLength(1);
    const rows = (await outboxOf(h, from)).filter((r) => r.kind === "message");
    expect(rows[0]!.status).toBe("sent");
  });
});
