import "server-only";
import { createHash } from "node:crypto";
import { and, eq, isNull, or, sql } from "drizzle-orm";
import { sendableTemplate } from "@/lib/contacts/template-store/queries";
import { apiMessageRequests, flows, messageTemplates, queues } from "@/lib/db/schema";
import type { Db, DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { wakeOutbox } from "@/lib/runtime/signals";
import { outreachChannel } from "./desk";
import { waIdOf } from "./phone";
import type { ApiMessageInput } from "./schemas";
import { type ReplyRoute, startConversation } from "./start";

/** Advisory-lock namespace of client keys: two requests with one key never both send. */
const CLIENT_KEY_LOCK_NAMESPACE = 7142103;

export type ApiMessageAnswer = { conversationId: string; protocol: string; messageId: string; joined: boolean };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function requestHash(input: ApiMessageInput): string {
  const { clientKey: _key, ...rest } = input;
  return createHash("sha256").update(JSON.stringify(rest)).digest("hex");
}

async function replyRoute(tx: DbOrTx, replyTo: ApiMessageInput["replyTo"]): Promise<ReplyRoute> {
  if (replyTo === "none") return { kind: "none" };
  if ("queue" in replyTo) {
    const [queue] = await tx
      .select({ id: queues.id })
      .from(queues)
      .where(UUID.test(replyTo.queue) ? or(eq(queues.id, replyTo.queue), eq(queues.slug, replyTo.queue)) : eq(queues.slug, replyTo.queue));
    if (!queue) throw new AppError("unprocessable", `Unknown queue "${replyTo.queue}"`, { details: { issues: [{ path: "replyTo.queue", message: "Unknown queue" }] } });
    return { kind: "queue", queueId: queue.id };
  }
  const [flow] = await tx.select({ versionId: flows.activeVersionId }).from(flows).where(eq(flows.id, replyTo.flowId));
  if (!flow) throw new AppError("unprocessable", "Unknown flow", { details: { issues: [{ path: "replyTo.flowId", message: "Unknown flow" }] } });
  if (!flow.versionId) throw new AppError("unprocessable", "The flow has no published version", { details: { issues: [{ path: "replyTo.flowId", message: "Not published" }] } });
  return { kind: "flow", flowVersionId: flow.versionId };
}

/**
 * `POST /api/messages`: a template notification to a phone number. The same `clientKey`
 * answers the first request's conversation and message again without sending twice; another
 * request under a used key is refused (409). Failed requests (422, 409) store nothing, so the
 * key can be used again once the request is fixed.
 */
export async function sendApiMessage(db: Db, input: ApiMessageInput): Promise<ApiMessageAnswer & { replayed: boolean }> {
  const hash = requestHash(input);
  const answer = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLIENT_KEY_LOCK_NAMESPACE}::int, hashtext(${input.clientKey}))`);
    const [seen] = await tx.select().from(apiMessageRequests).where(eq(apiMessageRequests.clientKey, input.clientKey));
    if (seen) {
      if (seen.requestHash !== hash) {
        throw new AppError("conflict", "This clientKey was used for a different request", { details: { reason: "client_key_reused", conversationId: seen.conversationId } });
      }
      return { conversationId: seen.conversationId, protocol: seen.protocol, messageId: seen.messageId, joined: false, replayed: true };
    }
    const channel = await outreachChannel(tx, input.channelId);
    const [template] = await tx
      .select({ id: messageTemplates.id })
      .from(messageTemplates)
      .where(
        and(
          eq(messageTemplates.channelId, channel.id),
          eq(messageTemplates.name, input.template.name),
          eq(messageTemplates.language, input.template.language),
          isNull(messageTemplates.deletedAt),
        ),
      );
    if (!template) {
      throw new AppError("unprocessable", `Unknown template ${input.template.name} (${input.template.language}) on this channel`, {
        details: { issues: [{ path: "template.name", message: "Unknown template" }] },
      });
    }
    const content = await sendableTemplate(tx, channel.id, template.id, input.template.parameters);
    const route = await replyRoute(tx, input.replyTo);
    const started = await startConversation(tx, { channelId: channel.id, waId: waIdOf(input.to), content, route, origin: "api", whenOpen: "join" });
    await tx.insert(apiMessageRequests).values({
      clientKey: input.clientKey,
      requestHash: hash,
      conversationId: started.conversationId,
      messageId: started.messageId,
      protocol: started.protocol,
    });
    return { conversationId: started.conversationId, protocol: started.protocol, messageId: started.messageId, joined: started.joined, replayed: false };
  });
  if (!answer.replayed) wakeOutbox();
  return answer;
}
