import "server-only";
import { z } from "zod";
import type { DbOrTx } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/errors/parse";
import { baseMimeType, CAPTION_MAX, checkMediaFile, MEDIA_MAX_ANY, refusalMessage } from "@/lib/whatsapp/media-limits";
import { requireSandboxChannel } from "./channel";
import { sendAsCustomer, type SendResult } from "./customer";
import { INBOUND_TTL_MS, putSandboxMedia } from "./media-store";
import { readMultipart } from "./multipart";
import { simulatedPhoneSchema } from "./schemas";

/** Multipart's boundaries and the text fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

/** The text fields of the simulator's upload form (the file is checked apart). */
export const sandboxFileFieldsSchema = z.object({
  phoneNumberId: z.string().max(32).optional(),
  phone: simulatedPhoneSchema,
  name: z.string().trim().min(1).max(60),
  caption: z.string().trim().max(CAPTION_MAX).optional(),
  /** Recorded in the browser: WhatsApp marks it a voice note. */
  voice: z.enum(["true", "false"]).optional(),
});
export type SandboxFileFields = z.infer<typeof sandboxFileFieldsSchema>;

/** A name to show, never a path: the last segment, no control characters, bounded. */
function displayFilename(name: string): string | undefined {
  const last = name.split(/[\\/]/).pop() ?? "";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return clean || undefined;
}

async function readForm(request: Request): Promise<FormData> {
  const parsed = await readMultipart(request, MEDIA_MAX_ANY + FORM_OVERHEAD);
  if (parsed.ok) return parsed.form;
  if (parsed.reason === "too_large") {
    throw new AppError("payload_too_large", `Files are limited to ${MEDIA_MAX_ANY / (1024 * 1024)} MB (WhatsApp's largest, for documents)`, { details: { reason: "too_large" } });
  }
  throw new AppError("bad_request", "The upload is not a valid multipart/form-data body");
}

/**
 * The simulated customer sends a file: checked against WhatsApp's limits (the browser checked
 * too; this is the check that counts), stored in the sandbox's media store as Meta would keep
 * it, and delivered as a real signed media webhook — the app then fetches it through the
 * sandbox's Graph media endpoints. A refused file stores nothing.
 */
export async function sendFileAsCustomer(db: DbOrTx, request: Request): Promise<SendResult> {
  const form = await readForm(request);
  const text = (key: string) => {
    const value = form.get(key);
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  const fields = parseInput(sandboxFileFieldsSchema, {
    phoneNumberId: text("phoneNumberId"),
    phone: text("phone"),
    name: text("name"),
    caption: text("caption"),
    voice: text("voice"),
  });
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw new AppError("bad_request", "Attach a file (the form field file)");
  const check = checkMediaFile(file);
  if (!check.ok) {
    throw new AppError(check.refusal.code === "too_large" ? "payload_too_large" : "unsupported_media_type", refusalMessage(check.refusal), { details: { reason: check.refusal.code, refusal: check.refusal } });
  }
  if (fields.caption && (check.kind === "audio" || check.kind === "sticker")) {
    throw new AppError("bad_request", "WhatsApp does not allow captions on audio or stickers", { details: { reason: "caption_not_allowed" } });
  }
  const channel = await requireSandboxChannel(db, fields.phoneNumberId);
  const mimeType = baseMimeType(file.type);
  const filename = displayFilename(file.name);
  const { id, meta } = await putSandboxMedia(Buffer.from(await file.arrayBuffer()), {
    mimeType,
    filename: filename ?? null,
    phoneNumberId: channel.phoneNumberId,
    ttlMs: INBOUND_TTL_MS,
  });
  return sendAsCustomer(db, {
    phoneNumberId: channel.phoneNumberId,
    phone: fields.phone,
    name: fields.name,
    message: {
      type: "file",
      kind: check.kind,
      id,
      mimeType,
      sha256: meta.sha256,
      ...(fields.caption ? { caption: fields.caption } : {}),
      ...(filename ? { filename } : {}),
      ...(fields.voice === "true" ? { voice: true } : {}),
    },
  });
}
