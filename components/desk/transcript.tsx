"use client";

import { AlertCircle, Bot, Check, CheckCheck, Clock, Loader2, Paperclip, RotateCw, StickyNote } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useState } from "react";
import { ContactCards } from "@/components/media/contact-cards";
import { LocationCard } from "@/components/media/location-card";
import { MessageMedia } from "@/components/media/message-media";
import { contactsOf, locationOf } from "@/components/media/payload";
import { Button } from "@/components/ui/button";
import type { TranscriptMessage } from "@/lib/desk/types";
import { cn } from "@/lib/utils";
import { isHttpUrl } from "./format";

/** Meta's template refusals: a readable reason, and no retry (sending again gets the same answer). */
const TEMPLATE_ERRORS: ReadonlySet<number> = new Set([132000, 132001, 132015, 132016, 131049, 131050]);

type Payload = {
  kind?: string;
  event?: string;
  by?: string;
  to?: string;
  toQueue?: string;
  toAgent?: string;
  campaign?: string;
  buttons?: { id: string; title: string }[];
  sections?: { title?: string; rows: { id: string; title: string }[] }[];
  media?: { kind: string; url: string; caption?: string; filename?: string };
};

/**
 * The conversation as it happened: customer on the left, bot and agents on the right, internal
 * notes and desk events in between. Every text is rendered as text (React escapes it).
 */
export function Transcript({ messages, compact = false, onRetry }: { messages: TranscriptMessage[]; compact?: boolean; onRetry?: (id: string) => Promise<void> }) {
  const format = useFormatter();
  const t = useTranslations("desk");
  let lastDay = "";
  if (messages.length === 0) return <p className="p-6 text-center text-sm text-muted-foreground">{t("noMessages")}</p>;
  return (
    <ol className={cn("grid gap-1.5", compact ? "p-2" : "px-4 py-3")} data-testid="transcript">
      {messages.map((m) => {
        const day = new Date(m.createdAt).toDateString();
        const separator = day !== lastDay;
        lastDay = day;
        return (
          <Fragment key={m.id}>
            {separator && (
              <li className="my-1 flex justify-center" aria-hidden>
                <span className="rounded-full bg-muted px-2 py-0.5 text-[11px] text-muted-foreground">
                  {format.dateTime(new Date(m.createdAt), { weekday: "short", day: "numeric", month: "short" })}
                </span>
              </li>
            )}
            <MessageRow message={m} compact={compact} onRetry={onRetry} />
          </Fragment>
        );
      })}
    </ol>
  );
}

function MessageRow({ message: m, compact, onRetry }: { message: TranscriptMessage; compact: boolean; onRetry?: (id: string) => Promise<void> }) {
  const t = useTranslations("desk");
  const format = useFormatter();
  const time = format.dateTime(new Date(m.createdAt), { hour: "2-digit", minute: "2-digit" });
  const payload = (m.payload ?? {}) as Payload;

  if (m.direction === "system") {
    return (
      <li className="flex justify-center" data-testid="message-system">
        <span className="text-center text-[11px] text-muted-foreground">
          {systemText(t, payload, m.body)} · {time}
        </span>
      </li>
    );
  }
  if (m.direction === "note") {
    return (
      <li className="mx-auto w-full max-w-[92%]" data-testid="message-note">
        <div className="rounded-md border border-warning/50 bg-warning/15 px-3 py-1.5 text-sm">
          <div className="mb-0.5 flex items-center gap-1 text-[11px] font-medium text-warning-foreground">
            <StickyNote className="size-3" />
            {t("internalNote")} · {m.agent?.name ?? ""} · {time}
          </div>
          <p className="break-words whitespace-pre-wrap">{m.body}</p>
        </div>
      </li>
    );
  }
  const inbound = m.direction === "inbound";
  // Automatic messages (the bot's, and the platform's own such as the satisfaction survey) look alike.
  const bot = m.author === "bot" || m.author === "system";
  return (
    <li className={cn("flex", inbound ? "justify-start" : "justify-end")} data-testid={inbound ? "message-inbound" : "message-outbound"} data-author={m.author}>
      <div
        className={cn(
          "max-w-[80%] rounded-lg px-3 py-1.5 text-sm shadow-xs",
          inbound ? "rounded-bl-sm border bg-card" : bot ? "rounded-br-sm bg-secondary" : "rounded-br-sm bg-primary/12 ring-1 ring-primary/20",
          m.deliveryStatus === "failed" && "ring-1 ring-destructive/60",
          compact && "max-w-[90%]",
        )}
      >
        {!inbound && (
          <div className="mb-0.5 flex items-center gap-1 text-[11px] font-medium text-muted-foreground">
            {bot ? <Bot className="size-3" /> : null}
            {bot ? t("bot") : (m.agent?.name ?? t("agent"))}
            {bot && m.flowNodeId && <span className="font-mono font-normal opacity-70">· {m.flowNodeId}</span>}
          </div>
        )}
        <Body message={m} payload={payload} />
        <div className="mt-0.5 flex items-center justify-end gap-1 text-[11px] text-muted-foreground">
          {time}
          {!inbound && <Tick status={m.deliveryStatus} />}
        </div>
        {m.deliveryStatus === "failed" && (
          <div className="mt-1 flex items-start gap-2 border-t border-destructive/30 pt-1 text-xs text-destructive" data-testid="message-failed">
            <span className="min-w-0 flex-1 break-words">
              {t("failed")}
              {m.error?.code && TEMPLATE_ERRORS.has(Number(m.error.code)) ? `: ${t(`templateErrors.${m.error.code}`)} (${m.error.code})` : ""}
              {m.error && !(m.error.code && TEMPLATE_ERRORS.has(Number(m.error.code))) ? `: ${[m.error.code, m.error.title ?? m.error.message].filter(Boolean).join(" · ")}` : ""}
              {m.error?.details ? ` — ${m.error.details}` : ""}
            </span>
            {onRetry && !(m.error?.code && TEMPLATE_ERRORS.has(Number(m.error.code))) && <RetryButton onRetry={() => onRetry(m.id)} />}
          </div>
        )}
      </div>
    </li>
  );
}

function RetryButton({ onRetry }: { onRetry: () => Promise<void> }) {
  const t = useTranslations("desk");
  const [busy, setBusy] = useState(false);
  return (
    <Button
      size="sm"
      variant="outline"
      className="h-6 px-2 text-xs"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await onRetry();
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? <Loader2 className="animate-spin" /> : <RotateCw />}
      {t("retry")}
    </Button>
  );
}

function Body({ message: m, payload }: { message: TranscriptMessage; payload: Payload }) {
  const file = m.media;
  // A template whose media header is a stored file (a library file): the file, then the
  // template's text without its "[Image]" placeholder line, which the file stands in for.
  if (file && m.type === "template") {
    const text = m.body?.replace(/^\[(Image|Video|Document)\]\n?/, "");
    return (
      <>
        <MessageMedia media={file} />
        {text && <p className="break-words whitespace-pre-wrap">{text}</p>}
      </>
    );
  }
  // The body of these is an icon and the caption or place name: the cards show it all.
  if (file) return <MessageMedia media={file} />;
  if (m.direction === "inbound" && m.type === "location") {
    const location = locationOf(m.payload);
    if (location) return <LocationCard location={location} />;
  }
  if (m.direction === "inbound" && m.type === "contacts") return <ContactCards contacts={contactsOf(m.payload)} />;
  const media = payload.media ?? mediaOfInbound(m);
  return (
    <>
      {media && (
        <p className="flex items-center gap-1 text-xs">
          <Paperclip className="size-3 shrink-0" />
          {isHttpUrl(media.url) ? (
            <a href={media.url} target="_blank" rel="noopener noreferrer nofollow" className="truncate underline underline-offset-2">
              {media.filename || media.url}
            </a>
          ) : (
            <span className="truncate">{media.filename || media.kind}</span>
          )}
        </p>
      )}
      {m.body && !(media && m.body === (media.filename ?? media.url)) && <p className="break-words whitespace-pre-wrap">{m.body}</p>}
      {!m.body && !media && <p className="text-muted-foreground italic">[{m.type}]</p>}
      {payload.buttons && (
        <div className="mt-1 flex flex-wrap gap-1">
          {payload.buttons.map((b) => (
            <span key={b.id} className="rounded border bg-background px-1.5 py-0.5 text-xs text-primary">
              {b.title}
            </span>
          ))}
        </div>
      )}
      {payload.sections && (
        <ul className="mt-1 grid gap-0.5 text-xs text-muted-foreground">
          {payload.sections.flatMap((s) => s.rows).map((r) => (
            <li key={r.id}>• {r.title}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function mediaOfInbound(m: TranscriptMessage): Payload["media"] | undefined {
  if (m.direction !== "inbound" || !["image", "video", "audio", "document", "sticker"].includes(m.type)) return undefined;
  const inner = (m.payload as Record<string, { link?: string; filename?: string; id?: string } | undefined> | null)?.[m.type];
  return { kind: m.type, url: inner?.link ?? "", filename: inner?.filename ?? m.type };
}

function Tick({ status }: { status: TranscriptMessage["deliveryStatus"] }) {
  const t = useTranslations("desk");
  if (!status) return null;
  const label = t(`delivery.${status}`);
  const icon =
    status === "pending" ? <Clock className="size-3" /> :
    status === "sent" ? <Check className="size-3.5" /> :
    status === "delivered" ? <CheckCheck className="size-3.5" /> :
    status === "read" ? <CheckCheck className="size-3.5 text-sky-600" /> :
    <AlertCircle className="size-3.5 text-destructive" />;
  return (
    <span role="img" aria-label={label} title={label} data-status={status} data-testid="delivery-tick">
      {icon}
    </span>
  );
}

function systemText(t: ReturnType<typeof useTranslations>, p: Payload, fallback: string | null): string {
  switch (p.event) {
    case "claimed":
      return t("events.claimed", { name: p.by ?? "" });
    case "auto_assigned":
      return t("events.autoAssigned", { name: p.to ?? "" });
    case "transferred":
      return t("events.transferred", { name: p.by ?? "", target: [p.toQueue, p.toAgent].filter(Boolean).join(" / ") });
    case "resolved":
      return t("events.resolved", { name: p.by ?? "" });
    case "reopened":
      return t("events.reopened", { name: p.by ?? "" });
    case "campaign_reply":
      return t("events.campaignReply", { campaign: p.campaign ?? "" });
    default:
      return fallback ?? "";
  }
}
