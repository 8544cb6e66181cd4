import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { channels, contacts, conversations, messages, queueMembers, queues, users, workspace } from "@/lib/db/schema";
import { allocateProtocol } from "@/lib/desk/protocol";
import { seed } from "@/lib/db/seed/seed";

/** Conversations for desk tests are written straight into the database, as the runtime would leave them. */

let phoneCounter = 0;
export function uniquePhone(): string {
  phoneCounter += 1;
  return `5511${String(Date.now()).slice(-6)}${String(phoneCounter).padStart(3, "0")}`;
}

export async function seedDemo(db: Db): Promise<void> {
  await seed(db, { demo: true });
}

export async function demoIds(db: Db) {
  const [channel] = await db.select().from(channels).where(eq(channels.isDefault, true));
  const queueRows = await db.select().from(queues);
  const userRows = await db.select().from(users);
  const byEmail = (email: string) => userRows.find((u) => u.email === email)!;
  return {
    channelId: channel!.id,
    soporte: queueRows.find((q) => q.slug === "soporte")!.id,
    ventas: queueRows.find((q) => q.slug === "ventas")!.id,
    admin: byEmail("admin@demo.atendo"),
    agent: byEmail("agent@demo.atendo"),
    agent2: byEmail("agent2@demo.atendo"),
  };
}

export async function timeZoneOf(db: Db): Promise<string> {
  const [ws] = await db.select({ tz: workspace.timeZone }).from(workspace);
  return ws?.tz ?? "America/Sao_Paulo";
}

export type NewConversation = {
  channelId: string;
  queueId: string | null;
  status?: "bot" | "queued" | "assigned" | "closed";
  assigneeId?: string | null;
  waId?: string;
  contactId?: string;
  name?: string | null;
  lastInboundAt?: Date | null;
  messages?: { direction: "inbound" | "outbound" | "note" | "system"; author: string; body: string; type?: string }[];
  flowState?: unknown;
  queuedAt?: Date;
};

export async function createConversation(db: Db, input: NewConversation) {
  const timeZone = await timeZoneOf(db);
  return db.transaction(async (tx) => {
    let contactId = input.contactId;
    const lastInboundAt = input.lastInboundAt === undefined ? new Date() : input.lastInboundAt;
    if (!contactId) {
      const [contact] = await tx
        .insert(contacts)
        .values({ channelId: input.channelId, waId: input.waId ?? uniquePhone(), name: input.name === undefined ? "Cliente de prueba" : input.name, lastInboundAt })
        .returning();
      contactId = contact!.id;
    } else if (input.lastInboundAt !== undefined) {
      await tx.update(contacts).set({ lastInboundAt }).where(eq(contacts.id, contactId));
    }
    const now = new Date();
    const status = input.status ?? "queued";
    const [conversation] = await tx
      .insert(conversations)
      .values({
        protocol: await allocateProtocol(tx, timeZone, now),
        channelId: input.channelId,
        contactId,
        status,
        queueId: input.queueId,
        assigneeId: input.assigneeId ?? null,
        queuedAt: status === "queued" || status === "assigned" ? (input.queuedAt ?? now) : null,
        assignedAt: status === "assigned" ? now : null,
        closedAt: status === "closed" ? now : null,
        closedReason: status === "closed" ? "resolved" : null,
        lastInboundAt,
        flowState: input.flowState ?? null,
      })
      .returning();
    for (const m of input.messages ?? [{ direction: "inbound" as const, author: "customer", body: "Hola, necesito ayuda" }]) {
      await tx.insert(messages).values({ conversationId: conversation!.id, direction: m.direction, author: m.author, type: m.type ?? "text", body: m.body });
    }
    return conversation!;
  });
}

export async function createQueue(db: Db, slug: string, mode: "manual" | "auto" = "manual") {
  const [row] = await db.insert(queues).values({ slug, name: slug, assignmentMode: mode }).returning();
  return row!;
}

let userCounter = 0;
/** Users for concurrency tests; they never sign in, so the password hash is a placeholder. */
export async function createAgent(db: Db, options: { queueIds: string[]; presence?: "online" | "away" | "offline"; capacity?: number; name?: string }) {
  userCounter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: `agent${userCounter}-${Date.now()}@test.atendo`,
      name: options.name ?? `Agente ${userCounter}`,
      role: "agent",
      passwordHash: "not-a-real-hash",
      presence: options.presence ?? "online",
      capacity: options.capacity ?? 5,
      lastSeenAt: new Date(),
    })
    .returning();
  if (options.queueIds.length) await db.insert(queueMembers).values(options.queueIds.map((queueId) => ({ queueId, userId: user!.id })));
  return user!;
}
