"use client";

import { AlertCircle, ExternalLink, FileText, ImageIcon, List, MapPin, Mic, Music, Phone, Reply, Sticker, Video, type LucideIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { ChatMessage, ChatReply } from "@/lib/sandbox/chat-message";
import { cn } from "@/lib/utils";
import { DeliveryTicks } from "./delivery-ticks";
import { ListPicker } from "./list-picker";
import { TIME } from "@/lib/i18n/formats";
import { typeLabel } from "@/lib/whatsapp/media-limits";
import { useFileSize } from "@/components/media/use-file-size";

export function MessageBubble({
  message,
  onReply,
  replyDisabled,
  grouped,
}: {
  message: ChatMessage;
  onReply: (reply: ChatReply) => void;
  replyDisabled?: boolean;
  /** The previous bubble is from the same side: no tail, tighter spacing. */
  grouped?: boolean;
}) {
  const t = useTranslations("simulator");
  const format = useFormatter();
  const [listOpen, setListOpen] = useState(false);
  const mine = message.from === "customer";
  const time = format.dateTime(new Date(message.time), TIME);
  const hasInteractive = (message.kind === "buttons" || message.kind === "template") && !!message.buttons?.length;

  return (
    <div
      className={cn("flex w-full flex-col", mine ? "items-end" : "items-start", grouped ? "mt-0.5" : "mt-2.5")}
      data-testid="chat-message"
      data-from={message.from}
      data-kind={message.kind}
    >
      <div className="flex max-w-[min(78%,30rem)] flex-col gap-1">
        <div
          className={cn(
            "relative rounded-lg px-2.5 pt-1.5 pb-1 text-[0.9rem] leading-snug shadow-[0_1px_0.5px_rgba(0,0,0,0.13)]",
            mine ? "bg-[oklch(0.93_0.07_150)] text-[oklch(0.22_0.03_160)] dark:bg-[oklch(0.38_0.07_165)] dark:text-foreground" : "bg-card text-card-foreground",
            !grouped && (mine ? "rounded-tr-none" : "rounded-tl-none"),
            message.status === "failed" && "ring-1 ring-destructive/50",
          )}
        >
          {!grouped && <BubbleTail mine={mine} />}
          {message.quote && (
            <div className={cn("mb-1 rounded-md border-l-4 px-2 py-1 text-xs", mine ? "border-primary bg-black/5" : "border-primary bg-muted")}>
              <span className="line-clamp-2 text-muted-foreground">{message.quote}</span>
            </div>
          )}
          {message.kind === "template" && (
            <div className="mb-1 inline-flex items-center gap-1 rounded bg-muted px-1.5 py-0.5 text-[0.7rem] font-medium text-muted-foreground">
              {t("template")} · {message.templateName}
            </div>
          )}
          {message.header && <p className="mb-0.5 font-semibold">{message.header}</p>}
          {message.media && <MediaPreview media={message.media} />}
          <p className="break-words whitespace-pre-wrap">
            {message.text}
            {/* Keeps room on the last line for the time, like WhatsApp. */}
            <span className="invisible inline-block w-16" aria-hidden />
          </p>
          {message.footer && <p className="mt-0.5 text-xs text-muted-foreground">{message.footer}</p>}
          <span className={cn("absolute right-2 bottom-1 flex items-center gap-1 text-[0.68rem]", mine ? "text-[oklch(0.45_0.04_160)] dark:text-muted-foreground" : "text-muted-foreground")}>
            <time dateTime={message.time}>{time}</time>
            {mine && message.status && <DeliveryTicks status={message.status} />}
          </span>
          {message.kind === "list" && message.list && (
            <>
              <div className="-mx-2.5 mt-1.5 border-t" />
              <button
                type="button"
                disabled={replyDisabled}
                onClick={() => setListOpen(true)}
                className="flex w-full items-center justify-center gap-1.5 py-2 text-sm font-medium text-primary outline-none hover:opacity-80 focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-50"
                data-testid="list-button"
              >
                <List className="size-4" />
                {message.list.buttonLabel}
              </button>
              <ListPicker
                list={message.list}
                body={message.text}
                open={listOpen}
                onOpenChange={setListOpen}
                onPick={(row) => onReply({ id: row.id, title: row.title, description: row.description, messageId: message.id })}
              />
            </>
          )}
        </div>
        {hasInteractive && (
          <div className="grid gap-1" role="group" aria-label={t("replyButtons")}>
            {message.buttons!.map((button) => (
              <button
                key={button.id}
                type="button"
                disabled={replyDisabled}
                onClick={() => onReply({ id: button.id, title: button.title, messageId: message.id })}
                className="flex h-9 items-center justify-center gap-1.5 rounded-lg bg-card px-3 text-sm font-medium text-primary shadow-[0_1px_0.5px_rgba(0,0,0,0.13)] outline-none transition-colors hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60"
                data-testid="reply-button"
              >
                <Reply className="size-4" />
                {button.title}
              </button>
            ))}
          </div>
        )}
        {!!message.links?.length && (
          <div className="grid gap-1" data-testid="template-links">
            {message.links.map((link) => (
              <span
                key={link.title}
                title={link.url ?? link.phone}
                className="flex h-9 items-center justify-center gap-1.5 rounded-lg bg-card px-3 text-sm font-medium text-primary shadow-[0_1px_0.5px_rgba(0,0,0,0.13)]"
              >
                {link.phone ? <Phone className="size-4" /> : <ExternalLink className="size-4" />}
                {link.title}
              </span>
            ))}
          </div>
        )}
        {message.status === "failed" && (
          <p className="flex items-start gap-1 text-xs text-destructive" role="alert">
            <AlertCircle className="mt-px size-3.5 shrink-0" />
            <span>
              {t("notDelivered")}
              {message.error ? ` ${message.error}` : ""}
            </span>
          </p>
        )}
      </div>
    </div>
  );
}

function BubbleTail({ mine }: { mine: boolean }) {
  return (
    <svg
      viewBox="0 0 8 13"
      aria-hidden
      className={cn(
        "absolute top-0 h-[13px] w-2",
        mine ? "-right-2 fill-[oklch(0.93_0.07_150)] dark:fill-[oklch(0.38_0.07_165)]" : "-left-2 fill-card",
      )}
    >
      {mine ? <path d="M0 0h8L1.5 8.5A3 3 0 0 1 0 10.7z" /> : <path d="M8 0H0l6.5 8.5A3 3 0 0 0 8 10.7z" />}
    </svg>
  );
}

const MEDIA_ICONS: Record<NonNullable<ChatMessage["media"]>["kind"], LucideIcon> = {
  image: ImageIcon,
  video: Video,
  audio: Music,
  document: FileText,
  sticker: Sticker,
  location: MapPin,
};

function MediaPreview({ media }: { media: NonNullable<ChatMessage["media"]> }) {
  const t = useTranslations("simulator");
  const size = useFileSize()(media.size ?? null);
  // Files come from the sandbox's store (/api/sandbox/media/…), a local preview, or a flow's public link.
  if ((media.kind === "image" || media.kind === "sticker") && media.url) {
    const sticker = media.kind === "sticker";
    return (
      <a href={media.url} target="_blank" rel="noreferrer" className={cn("mb-1 block overflow-hidden rounded-md", !sticker && "-mx-1.5")} data-testid="bubble-image">
        {/* biome-ignore lint/performance/noImgElement: customer media from any URL, shown as sent (no Next image optimiser for it) */}
        <img src={media.url} alt={media.caption ?? t(`media.${media.kind}`)} className={sticker ? "size-32 object-contain" : "max-h-72 w-full bg-muted object-cover"} loading="lazy" />
      </a>
    );
  }
  if (media.kind === "video" && media.url) {
    return (
      // biome-ignore lint/a11y/useMediaCaption: WhatsApp videos come without captions tracks
      <video controls preload="metadata" src={media.url} className="-mx-1.5 mb-1 max-h-72 w-[calc(100%+0.75rem)] rounded-md bg-black" aria-label={media.caption ?? t("media.video")} data-testid="bubble-video" />
    );
  }
  if (media.kind === "audio" && media.url) {
    return (
      <div className="mb-1 grid min-w-64 gap-1" data-testid="bubble-audio">
        <span className="flex items-center gap-1 text-xs text-muted-foreground">
          {media.voice ? <Mic className="size-3.5" /> : <Music className="size-3.5" />}
          {media.voice ? t("voiceNote") : t("media.audio")}
        </span>
        {/* biome-ignore lint/a11y/useMediaCaption: voice notes come without captions */}
        <audio controls preload="metadata" src={media.url} className="h-9 w-full" aria-label={media.voice ? t("voiceNote") : t("media.audio")} />
      </div>
    );
  }
  const Icon = MEDIA_ICONS[media.kind];
  const label =
    media.kind === "location"
      ? (media.name ?? (media.latitude !== undefined ? `${media.latitude.toFixed(4)}, ${media.longitude?.toFixed(4)}` : t("media.location")))
      : (media.filename ?? t(`media.${media.kind}`));
  const details = media.kind === "document" ? [media.mimeType ? typeLabel(media.mimeType) : null, size].filter(Boolean).join(" · ") : "";
  const chip = (
    <span className="flex items-center gap-2 rounded-md bg-black/5 px-2.5 py-2 dark:bg-white/5">
      <span className="grid size-8 shrink-0 place-items-center rounded bg-primary/15 text-primary">
        <Icon className="size-4" />
      </span>
      <span className="min-w-0">
        <span className="block truncate text-sm font-medium">{label}</span>
        {details && <span className="block text-xs text-muted-foreground">{details}</span>}
      </span>
    </span>
  );
  return (
    <div className="mb-1" data-testid={`bubble-${media.kind}`}>
      {media.url ? (
        <a href={media.url} target="_blank" rel="noreferrer" className="block hover:opacity-90">
          {chip}
        </a>
      ) : (
        chip
      )}
    </div>
  );
}
