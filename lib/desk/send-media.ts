import "server-only";
import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
// The Node entry (reads files), as in lib/media/fetcher/sniff.ts.
import { fileTypeFromFile } from "file-type/node";
import type { Db, DbOrTx } from "@/lib/db/types";
import { contacts, media, messages, outbox } from "@/lib/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { makeThumbnail, THUMBNAIL_TYPE } from "@/lib/media/fetcher/thumbnail";
import { type StoredMediaSend, takesCaption } from "@/lib/media/outbound";
import { getMediaStorage } from "@/lib/media/storage";
import { originalKey, thumbnailKey } from "@/lib/media/storage/keys";
import { checkUpload, cleanFilename, KIND_PLURAL } from "@/lib/media/upload-check";
import { publishEvent } from "@/lib/realtime/events";
import { timeOrderedId } from "@/lib/runtime/ids";
import { wakeOutbox } from "@/lib/runtime/signals";
import { lockWorkableConversation, requireHolding, type DeskScope } from "./access";
import { assertWindowAllows, markResponded } from "./reply";

/*
 * An agent sends a file (docs/media.md → Agents send files). Everything is checked before
 * anything is stored or queued: that the agent may reply (as for text), the size against
 * WhatsApp's limit for the kind, and the type read from the bytes against the declared one
 * and the types WhatsApp takes. Then the file is stored (with a thumbnail for images), and
 * one transaction writes its media row (stored), the transcript message and the outbox row
 * ("send this stored media"); the sender uploads it to Meta and sends it by id.
 */

/** WhatsApp's caption limit. */
export const CAPTION_MAX = 1024;

/** `voice`: a voice note recorded in the desk — only Ogg Opus audio may be one (what WhatsApp plays as a voice note). */
export type OutgoingFile = { bytes: Buffer; declaredType: string | null; filename: string | null; caption: string | null; voice?: boolean };

/** The checks a text reply gets: the agent holds the conversation and the 24-hour window is open. */
async function authorise(tx: DbOrTx, scope: DeskScope, conversationId: string) {
  const conversation = await lockWorkableConversation(tx, scope, conversationId);
  requireHolding(scope, conversation, "reply");
  const [contact] = await tx.select().from(contacts).where(eq(contacts.id, conversation.contactId));
  assertWindowAllows("media", contact!.lastInboundAt);
  return { conversation, contact: contact! };
}

export async function sendMediaReply(db: Db, scope: DeskScope, conversationId: string, input: OutgoingFile) {
  // Refused as a text reply would be, before the file is even looked at.
  await db.transaction((tx) => authorise(tx, scope, conversationId));
  const caption = input.caption?.trim() || null;
  if (caption && caption.length > CAPTION_MAX) {
    throw new AppError("unprocessable", `Captions have at most ${CAPTION_MAX} characters`, { details: { reason: "caption_too_long" } });
  }
  // A recorded voice note's name is ours ("voice-note.ogg"), not something to show anyone.
  const filename = input.voice ? null : cleanFilename(input.filename);
  const dir = await mkdtemp(path.join(tmpdir(), "atendo-upload-"));
  const mediaId = randomUUID();
  const storage = getMediaStorage();
  const keys: string[] = [];
  try {
    const file = path.join(dir, "upload");
    await writeFile(file, input.bytes);
    const checked = await checkUpload({ size: input.bytes.length, declaredType: input.declaredType }, file);
    if (caption && !takesCaption(checked.kind)) {
      throw new AppError("unprocessable", `WhatsApp sends ${KIND_PLURAL[checked.kind]} without a caption`, { details: { reason: "caption_not_allowed" } });
    }
    // Ogg carries Vorbis too: the codec is read from the bytes (file-type tells Opus apart).
    if (input.voice && (checked.kind !== "audio" || (await fileTypeFromFile(file))?.ext !== "opus")) {
      throw new AppError("unprocessable", "A voice note must be Ogg Opus audio", { details: { reason: "voice_not_ogg_opus" } });
    }
    try {
      await storage.put(originalKey(mediaId), createReadStream(file), { contentType: checked.mime });
      keys.push(originalKey(mediaId));
    } catch (error) {
      throw new AppError("unavailable", "The file could not be stored; try again", { cause: error });
    }
    let thumbKey: string | null = null;
    if (checked.kind === "image" || checked.kind === "sticker") {
      const thumb = await makeThumbnail(file);
      if (thumb) {
        thumbKey = thumbnailKey(mediaId);
        await storage.put(thumbKey, thumb, { contentType: THUMBNAIL_TYPE });
        keys.push(thumbKey);
      }
    }
    const message = await db.transaction(async (tx) => {
      const { conversation, contact } = await authorise(tx, scope, conversationId);
      const messageId = timeOrderedId();
      const documentName = checked.kind === "document" ? (filename ?? "document") : null;
      await tx.insert(media).values({
        id: mediaId,
        channelId: conversation.channelId,
        conversationId,
        messageId,
        // Our own file has no Meta id until the sender uploads it (kept on the outbox row).
        waMediaId: `outbound:${mediaId}`,
        kind: checked.kind,
        declaredMime: checked.declared,
        sniffedMime: checked.mime,
        size: input.bytes.length,
        filename: filename,
        caption,
        voice: input.voice === true,
        status: "stored",
        storageKey: originalKey(mediaId),
        thumbnailKey: thumbKey,
        storedAt: new Date(),
      });
      const body: StoredMediaSend = {
        send_media: { media_id: mediaId, kind: checked.kind, to: contact.waId, ...(caption ? { caption } : {}), ...(documentName ? { filename: documentName } : {}) },
      };
      await tx.insert(messages).values({
        id: messageId,
        conversationId,
        direction: "outbound",
        author: "agent",
        agentId: scope.userId,
        type: checked.kind,
        body: caption ?? filename,
        payload: { kind: "stored_media", mediaId, mediaKind: checked.kind, caption, filename },
        deliveryStatus: "pending",
        mediaId,
      });
      await tx.insert(outbox).values({ channelId: conversation.channelId, conversationId, messageId, contactWaId: contact.waId, kind: "message", body });
      await markResponded(tx, conversation);
      await publishEvent(tx, { type: "message.created", conversationId, messageId, queueId: conversation.queueId, direction: "outbound" });
      const [row] = await tx.select().from(messages).where(eq(messages.id, messageId));
      return row!;
    });
    keys.length = 0;
    wakeOutbox();
    return message;
  } finally {
    // Nothing stays stored for a file that was refused or not queued.
    for (const key of keys) await storage.delete(key).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}
