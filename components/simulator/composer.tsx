"use client";

import { ImageIcon, Loader2, MapPin, Paperclip, SendHorizontal, Sticker } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuSeparator, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { cn } from "@/lib/utils";

export type AttachmentKind = "image" | "location" | "sticker";

export function Composer({
  onSend,
  onAttach,
  busy,
  disabled,
  placeholder,
}: {
  onSend: (text: string) => void;
  onAttach?: (kind: AttachmentKind) => void;
  busy?: boolean;
  disabled?: boolean;
  placeholder?: string;
}) {
  const t = useTranslations("simulator");
  const [text, setText] = useState("");
  const input = useRef<HTMLTextAreaElement>(null);
  const canSend = !disabled && !busy && text.trim().length > 0;

  function send() {
    if (!canSend) return;
    onSend(text.trim());
    setText("");
    input.current?.focus();
  }

  return (
    <form
      className="flex items-end gap-2 border-t bg-card px-3 py-2.5"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {onAttach && (
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button type="button" variant="ghost" size="icon" className="shrink-0 rounded-full text-muted-foreground" disabled={disabled} aria-label={t("attach")}>
              <Paperclip />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="start" side="top" className="w-64">
            <DropdownMenuLabel className="text-xs font-normal text-muted-foreground">{t("attachHint")}</DropdownMenuLabel>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onAttach("image")}>
              <ImageIcon />
              {t("attachImage")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAttach("location")}>
              <MapPin />
              {t("attachLocation")}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAttach("sticker")}>
              <Sticker />
              {t("attachSticker")}
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      )}
      <textarea
        ref={input}
        value={text}
        rows={1}
        disabled={disabled}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          // Enter sends, Shift+Enter breaks the line; never while an IME is composing.
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
        placeholder={placeholder ?? t("placeholder")}
        aria-label={t("messageLabel")}
        maxLength={4096}
        className={cn(
          "field-sizing-content max-h-32 min-h-10 flex-1 resize-none rounded-2xl border-0 bg-muted px-4 py-2.5 text-sm outline-none placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-60",
        )}
        data-testid="composer-input"
      />
      <Button type="submit" size="icon" className="size-10 shrink-0 rounded-full" disabled={!canSend} aria-label={busy ? t("sending") : t("send")}>
        {busy ? <Loader2 className="animate-spin" /> : <SendHorizontal />}
      </Button>
    </form>
  );
}
