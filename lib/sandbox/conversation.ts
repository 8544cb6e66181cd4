import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db/types";
import { sandboxMessages } from "@/lib/db/schema";
import type { ChatMessage, ChatStatus } from "./chat-message";
import { isSandboxMediaId, readSandboxMediaMeta } from "./media-store";
import { chatPreview, webhookMessageToChatMessage, whatsappRequestToChatMessage } from "./to-chat-message";

type SandboxRow = typeof sandboxMessages.$inferSelect;

/** WhatsApp hides "typing…" after 25 seconds or when the reply arrives. */
const TYPING_MS = 25_000;
/** A simulated chat is a demo: the newest messages are plenty. */
const CONVERSATION_LIMIT = 300;

const CUSTOMER_STATUSES: ChatStatus[] = ["sending", "sent", "read", "failed"];

function errorText(error: unknown): string | undefined {
  if (!error || typeof error !== "object") return undefined;
  const e = error as { reason?: unknown; status?: unknown };
  return typeof e.reason === "string" ? e.reason : typeof e.status === "number" ? `HTTP ${e.status}` : undefined;
}

/** Sandbox rows → chat bubbles, in order; a tapped reply quotes the business message it belongs to. */
export function toChatMessages(rows: SandboxRow[]): ChatMessage[] {
  const byWamid = new Map<string, ChatMessage>();
  return rows.map((row) => {
    const time = row.createdAt.toISOString();
    if (row.direction === "inbound") {
      const body = row.body as Record<string, unknown> & { context?: { id?: string } };
      const quoted = body.context?.id ? byWamid.get(body.context.id) : undefined;
      const status = (CUSTOMER_STATUSES as string[]).includes(row.status) ? (row.status as ChatStatus) : "sent";
      const message = webhookMessageToChatMessage(body, { id: row.waMessageId, time, status, error: errorText(row.error), ...(quoted ? { quote: chatPreview(quoted) } : {}) });
      byWamid.set(row.waMessageId, message);
      return message;
    }
    const message = whatsappRequestToChatMessage(row.body as Record<string, unknown>, { id: row.waMessageId, time });
    byWamid.set(row.waMessageId, message);
    return message;
  });
}

/**
 * The media id a row's payload carries (`{type: "image", image: {id}}`, or reply buttons'
 * `interactive.header.image.id`), when it is one the sandbox could hold.
 */
function mediaIdOf(row: SandboxRow): string | null {
  const body = row.body as Record<string, unknown>;
  const type = typeof body.type === "string" ? body.type : "";
  const header = type === "interactive" ? ((body.interactive as { header?: Record<string, unknown> } | undefined)?.header ?? {}) : {};
  const holder = type === "interactive" ? header : body;
  const kind = typeof holder.type === "string" ? holder.type : type;
  const inner = holder[kind] as { id?: unknown } | undefined;
  return typeof inner?.id === "string" && isSandboxMediaId(inner.id) ? inner.id : null;
}

/**
 * Points media bubbles at the sandbox's stored files, as WhatsApp shows them: the customer's
 * attachments and what the app uploaded and sent by id. Ids with no file (the paperclip menu's
 * test images, expired files) stay chips.
 */
async function attachStoredFiles(rows: SandboxRow[], messages: ChatMessage[]): Promise<ChatMessage[]> {
  const ids = rows.map(mediaIdOf);
  const metas = await Promise.all(ids.map((id) => (id ? readSandboxMediaMeta(id).catch(() => null) : null)));
  return messages.map((message, i) => {
    const meta = metas[i];
    if (!meta || !message.media) return message;
    return {
      ...message,
      media: {
        ...message.media,
        url: `/api/sandbox/media/${ids[i]}`,
        mimeType: meta.mime_type,
        size: meta.file_size,
        ...(meta.filename && !message.media.filename && message.media.kind === "document" ? { filename: meta.filename } : {}),
      },
    };
  });
}

export type SandboxConversation = { phone: string; name: string | null; messages: ChatMessage[]; typing: boolean };

export async function getSandboxConversation(db: DbOrTx, phoneNumberId: string, phone: string, now = new Date()): Promise<SandboxConversation> {
  const rows = (
    await db
      .select()
      .from(sandboxMessages)
      .where(and(eq(sandboxMessages.phoneNumberId, phoneNumberId), eq(sandboxMessages.to, phone)))
      .orderBy(desc(sandboxMessages.id))
      .limit(CONVERSATION_LIMIT)
  ).reverse();
  const lastInbound = rows.findLast((r) => r.direction === "inbound");
  const lastRow = rows.at(-1);
  // Typing shows until the business answers (a newer outbound row) or the indicator expires.
  const typing = !!lastInbound?.typingAt && lastRow === lastInbound && now.getTime() - lastInbound.typingAt.getTime() < TYPING_MS;
  return { phone, name: lastInbound?.contactName ?? null, messages: await attachStoredFiles(rows, toChatMessages(rows)), typing };
}

export type SandboxConversationSummary = {
  phone: string;
  name: string | null;
  lastText: string;
  lastFrom: "customer" | "business";
  lastAt: string;
};

/** Every simulated customer of a sandbox channel, the most recently active first. */
export async function listSandboxConversations(db: DbOrTx, phoneNumberId: string, limit = 100): Promise<SandboxConversationSummary[]> {
  const latest = await db
    .selectDistinctOn([sandboxMessages.to])
    .from(sandboxMessages)
    .where(eq(sandboxMessages.phoneNumberId, phoneNumberId))
    .orderBy(asc(sandboxMessages.to), desc(sandboxMessages.id));
  const names = await db
    .selectDistinctOn([sandboxMessages.to], { to: sandboxMessages.to, name: sandboxMessages.contactName })
    .from(sandboxMessages)
    .where(and(eq(sandboxMessages.phoneNumberId, phoneNumberId), eq(sandboxMessages.direction, "inbound"), sql`${sandboxMessages.contactName} is not null`))
    .orderBy(asc(sandboxMessages.to), desc(sandboxMessages.id));
  const nameOf = new Map(names.map((n) => [n.to, n.name]));
  return latest
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((row) => {
      const [message] = toChatMessages([row]);
      return {
        phone: row.to,
        name: nameOf.get(row.to) ?? null,
        lastText: chatPreview(message!),
        lastFrom: message!.from,
        lastAt: row.createdAt.toISOString(),
      };
    });
}
