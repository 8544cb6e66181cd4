"use client";

import { FileUp, Loader2, MapPin, Paperclip, SendHorizontal, Sticker } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import type { MediaKind } from "@/lib/media/types";
import { CAPTION_MAX, MEDIA_TYPES } from "@/lib/whatsapp/media-limits";
import { cn } from "@/lib/utils";
import { AttachmentPreview } from "./attachment-preview";

/** Test inputs without a file: a location, and a sticker whose media id does not exist. */
export type AttachmentKind = "location" | "sticker";
export type Attachment = { file: File; kind: MediaKind };

const ACCEPT = Object.values(MEDIA_TYPES).flat().join(",");

export function Composer({
  onSend,
  onAttach,
  onPickFile,
  attachment,
  onRemoveAttachment,
  onSendFile,
  busy,
  disabled,
  placeholder,
}: {
  onSend: (text: string) => void;
  onAttach?: (kind: AttachmentKind) => void;
  /** Files are supported: a picked or pasted file goes here (the panel checks it). */
  onPickFile?: (file: File) => void;
  attachment?: Attachment | null;
  onRemoveAttachment?: () => void;
  onSendFile?: (attachment: Attachment, caption: string) => void;
  busy?: boolean;
  disabled?: boolean;
  placeholder?: string;
}) {
  const t = useTranslations("simulator");
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  // WhatsApp sends audio and stickers without a caption.
  const noCaption = attachment?.kind === "audio" || attachment?.kind === "sticker";
  const canSend = !disabled && !busy && (attachment ? true : text.trim().length > 0);

  function send() {
    if (!canSend) return;
    if (attachment && onSendFile) onSendFile(attachment, noCaption ? "" : text.trim());
    else onSend(text.trim());
    setText("");
    input.current?.focus();
  }

  return (
    <div>
      {attachment && onRemoveAttachment && <AttachmentPreview file={attachment.file} kind={attachment.kind} onRemove={onRemoveAttachment} />}
      <form
        className="flex items-end gap-2 border-t bg-card px-3 py-2.5"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        {onPickFile && (
          <input
            ref={picker}
            type="file"
            accept={ACCEPT}
            className="hidden"
            tabIndex={-1}
            aria-hidden
            data-testid="attach-file-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = "";
              if (file) onPickFile(file);
            }}
          />
        )}
        {(onAttach || onPickFile) && (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button type="button" variant="ghost" size="icon" className="shrink-0 rounded-full text-muted-foreground" disabled={disabled} aria-label={t("attach")} data-testid="attach">
                <Paperclip />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start" side="top" className="w-72">
              <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">{t("attachHint")}</DropdownMenuLabel>
              <DropdownMenuSeparator />
              {onPickFile && (
                <DropdownMenuItem onSelect={() => picker.current?.click()} data-testid="attach-file">
                  <FileUp />
                  {t("attachFile")}
                </DropdownMenuItem>
              )}
              {onAttach && (
                <>
                  <DropdownMenuItem onSelect={() => onAttach("location")}>
                    <MapPin />
                    {t("attachLocation")}
                  </DropdownMenuItem>
                  <DropdownMenuItem onSelect={() => onAttach("sticker")}>
                    <Sticker />
                    {t("attachSticker")}
                  </DropdownMenuItem>
                </>
              )}
            </DropdownMenuContent>
          </DropdownMenu>
        )}
        <textarea
          ref={input}
          value={noCaption ? "" : text}
          rows={1}
          disabled={disabled || noCaption}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
            if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              send();
            }
          }}
          onPaste={(event) => {
            // A pasted screenshot or file becomes the attachment, like WhatsApp Web.
            const file = event.clipboardData.files[0];
            if (file && onPickFile) {
              event.preventDefault();
              onPickFile(file);
            }
          }}
          placeholder={noCaption ? t("noCaption") : attachment ? t("captionPlaceholder") : (placeholder ?? t("placeholder"))}
          aria-label={attachment ? t("captionPlaceholder") : t("messageLabel")}
          maxLength={attachment ? CAPTION_MAX : 4096}
          className={cn(
            "field-sizing-content max-h-32 min-h-10 flex-1 resize-none rounded-2xl border-0 bg-muted px-4 py-2.5 text-sm outline-none placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60",
          )}
          data-testid="composer-input"
        />
        <Button type="submit" size="icon" className="size-10 shrink-0 rounded-full" disabled={!canSend} aria-label={busy ? t("sending") : attachment ? t("sendFile") : t("send")} data-testid="composer-send">
          {busy ? <Loader2 className="animate-spin" /> : <SendHorizontal />}
        </Button>
      </form>
    </div>
  );
}
