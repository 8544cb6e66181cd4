"use client";

import { FileText, Loader2, Music, Send, Video, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useFileSize } from "@/components/media/use-file-size";
import { ApiError } from "@/lib/api-client";

/** The desk sends what WhatsApp takes (lib/media/limits.ts); the server checks the bytes again. */
export const ACCEPTED_TYPES = [
  "image/jpeg",
  "image/png",
  "image/webp",
  "audio/aac",
  "audio/amr",
  "audio/mpeg",
  "audio/mp4",
  "audio/ogg",
  "video/mp4",
  "video/3gpp",
  "text/plain",
  "application/pdf",
  ".doc,.docx,.xls,.xlsx,.ppt,.pptx",
].join(",");

/** Audio and stickers (WebP) go without a caption (WhatsApp). */
export function takesCaption(file: File): boolean {
  return !file.type.startsWith("audio/") && file.type !== "image/webp";
}

/**
 * POSTs the file as multipart with the upload's progress (fetch reports none). Throws an
 * ApiError with the server's reason, like apiFetch.
 */
export function uploadFile(url: string, form: FormData, onProgress: (fraction: number) => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body);
      const message = (body as { error?: { message?: string } } | null)?.error?.message ?? xhr.statusText;
      reject(new ApiError(message, xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError("network", 0, null));
    xhr.send(form);
  });
}

type Reason = { reason?: string; maxBytes?: number; kind?: string; type?: string };

/** The server's refusal in the UI's language. */
export function useUploadError(): (error: unknown, file: File) => string | null {
  const t = useTranslations("desk.attach");
  const size = useFileSize();
  return (error, file) => {
    if (!(error instanceof ApiError)) return null;
    if (error.status === 0) return t("network");
    const details = (error.body as { error?: { details?: Reason } } | null)?.error?.details ?? {};
    const type = details.type ?? (file.type.split("/")[1] ?? file.type).toUpperCase();
    switch (details.reason) {
      case "too_large":
        return t("tooLarge", { type, max: size(details.maxBytes ?? 0) ?? "", kinds: t(`kinds.${details.kind ?? "document"}`) });
      case "refused_type":
        return t("refusedType", { type: file.type || file.name });
      case "type_mismatch":
        return t("typeMismatch", { type: file.type || file.name });
      case "empty":
        return t("empty");
      default:
        return error.status === 413 ? t("tooLargeAny") : null;
    }
  };
}

/**
 * The file about to be sent: a preview (images), its name and size, an optional caption (not
 * for audio or stickers), Send and Remove. Enter sends, Escape removes. While it uploads, a
 * progress bar; the message joins the transcript (with its pending tick) once accepted.
 */
export function AttachmentPreview({
  file,
  progress,
  onSend,
  onCancel,
}: {
  file: File;
  /** null: not sending; 0–1 while uploading. */
  progress: number | null;
  onSend: (caption: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("desk.attach");
  const size = useFileSize();
  const [caption, setCaption] = useState("");
  const captionRef = useRef<HTMLInputElement>(null);
  const sendRef = useRef<HTMLButtonElement>(null);
  const url = useMemo(() => (file.type === "image/png" || file.type === "image/jpeg" || file.type === "image/webp" ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const withCaption = takesCaption(file);
  useEffect(() => {
    (withCaption ? captionRef.current : sendRef.current)?.focus();
  }, [withCaption]);
  const busy = progress !== null;
  const Icon = file.type.startsWith("audio/") ? Music : file.type.startsWith("video/") ? Video : FileText;

  return (
    <div
      className="mx-3 mt-2 rounded-md border bg-card p-2"
      role="group"
      aria-label={t("preview")}
      data-testid="attachment-preview"
      onKeyDown={(e) => {
        if (e.key === "Escape" && !busy) {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <div className="flex items-start gap-3">
        {url ? (
          // biome-ignore lint/performance/noImgElement: a local object URL, not an optimisable asset
          <img src={url} alt={file.name} className="size-16 shrink-0 rounded object-cover" data-testid="attachment-thumb" />
        ) : (
          <span className="flex size-16 shrink-0 items-center justify-center rounded bg-muted">
            <Icon className="size-6 text-muted-foreground" />
          </span>
        )}
        <div className="grid min-w-0 flex-1 gap-1.5">
          <p className="truncate text-sm font-medium" title={file.name}>
            {file.name} <span className="font-normal text-muted-foreground">· {size(file.size)}</span>
          </p>
          {withCaption ? (
            <Input
              ref={captionRef}
              value={caption}
              maxLength={1024}
              disabled={busy}
              onChange={(e) => setCaption(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter" && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  if (!busy) onSend(caption);
                }
              }}
              placeholder={t("captionPlaceholder")}
              aria-label={t("caption")}
              className="h-8"
              data-testid="attachment-caption"
            />
          ) : (
            <p className="text-xs text-muted-foreground">{t("noCaption")}</p>
          )}
          {busy && (
            <div className="grid gap-0.5" role="status" aria-live="polite">
              <div className="h-1.5 overflow-hidden rounded bg-muted" aria-hidden>
                <div className="h-full bg-primary transition-[width]" style={{ width: `${Math.round(progress * 100)}%` }} />
              </div>
              <span className="text-xs text-muted-foreground" data-testid="attachment-progress">
                {t("uploading", { percent: Math.round(progress * 100) })}
              </span>
            </div>
          )}
        </div>
        <div className="flex shrink-0 flex-col gap-1">
          <Button ref={sendRef} size="sm" onClick={() => onSend(caption)} disabled={busy} data-testid="attachment-send">
            {busy ? <Loader2 className="animate-spin" /> : <Send />}
            {t("send")}
          </Button>
          <Button size="sm" variant="ghost" onClick={onCancel} disabled={busy} data-testid="attachment-cancel">
            <X />
            {t("remove")}
          </Button>
        </div>
      </div>
    </div>
  );
}
