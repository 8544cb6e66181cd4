"use client";

import { AlertCircle, FileUp, Lock, RotateCcw } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Fragment, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ChatMessage, ChatReply } from "@/lib/sandbox/chat-message";
import { initials } from "@/lib/sandbox/random-customer";
import { cn } from "@/lib/utils";
import { type Attachment, Composer, type AttachmentKind } from "./composer";
import { MessageBubble } from "./message-bubble";
import { useFileCheck } from "./use-file-check";

export type { ChatMessage, ChatReply } from "@/lib/sandbox/chat-message";

export type ChatPanelProps = {
  /** Header: the business the customer is chatting with. */
  title: string;
  subtitle?: string;
  messages: ChatMessage[];
  onSendText: (text: string) => void;
  /** A tapped reply button or a picked list row. */
  onReply: (reply: ChatReply) => void;
  /** Something is in flight: the send button shows it and refuses a second send. */
  busy?: boolean;
  /** The business is "typing…" (shown in the header and as a bubble). */
  typing?: boolean;
  onRestart?: () => void;
  /** Lets the customer send a location or a file-less sticker (to test unsupported input). */
  onAttach?: (kind: AttachmentKind) => void;
  /** Lets the customer send a real file (attach button, drag and drop, paste), checked against WhatsApp's limits first. */
  onSendFile?: (attachment: Attachment, caption: string) => void;
  /** Shown instead of the composer when the chat cannot take messages. */
  disabledReason?: string;
  /** Shown in the empty chat. */
  emptyHint?: string;
  /** A note pinned at the top of the chat (WhatsApp shows its encryption notice there). */
  notice?: string;
  headerActions?: React.ReactNode;
  className?: string;
};

/**
 * A WhatsApp-like chat, purely presentational: the simulator feeds it the sandbox's real
 * traffic, the flow editor's preview feeds it a draft simulation.
 */
export function ChatPanel({
  title,
  subtitle,
  messages,
  onSendText,
  onReply,
  busy,
  typing,
  onRestart,
  onAttach,
  onSendFile,
  disabledReason,
  emptyHint,
  notice,
  headerActions,
  className,
}: ChatPanelProps) {
  const t = useTranslations("simulator");
  const checkFile = useFileCheck();
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  // Why the last picked file was refused; stays until the next pick or removal (a toast would vanish before it is read).
  const [refusal, setRefusal] = useState<string | null>(null);
  const filesEnabled = !!onSendFile && !disabledReason;
  const pickFile = useCallback(
    (file: File) => {
      const check = checkFile(file);
      if (!check.ok) {
        setRefusal(check.message);
        setAttachment(null);
        return;
      }
      setRefusal(null);
      setAttachment({ file, kind: check.kind });
    },
    [checkFile],
  );
  const format = useFormatter();
  const scroller = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const lastId = messages.at(-1)?.id;

  // Follow new messages unless the user scrolled up to read older ones.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a message or the typing indicator arrives
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stickToBottom.current) el.scrollTop = el.scrollHeight;
  }, [lastId, messages.length, typing]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new chat (title) starts at the bottom
  useEffect(() => {
    stickToBottom.current = true;
  }, [title]);

  const dayLabel = (iso: string) => {
    const date = new Date(iso);
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    if (date.toDateString() === today.toDateString()) return t("today");
    if (date.toDateString() === yesterday.toDateString()) return t("yesterday");
    return format.dateTime(date, { day: "numeric", month: "long", year: "numeric" });
  };

  return (
    <section
      className={cn("relative flex min-h-0 flex-col overflow-hidden rounded-xl border bg-card shadow-sm", className)}
      aria-label={t("chatWith", { name: title })}
      data-testid="chat-panel"
      onDragOver={(event) => {
        if (!filesEnabled || !event.dataTransfer.types.includes("Files")) return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        if (!filesEnabled) return;
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) pickFile(file);
      }}
    >
      {dragging && (
        <div className="pointer-events-none absolute inset-2 z-10 grid place-items-center rounded-lg border-2 border-dashed border-primary bg-card/85 text-sm font-medium text-primary" data-testid="drop-zone">
          <span className="flex items-center gap-2">
            <FileUp className="size-5" />
            {t("dropHere")}
          </span>
        </div>
      )}
      <header className="flex h-14 shrink-0 items-center gap-3 border-b bg-card px-4">
        <span className="grid size-9 shrink-0 place-items-center rounded-full bg-primary text-sm font-semibold text-primary-foreground" aria-hidden>
          {initials(title)}
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-semibold">{title}</p>
          <p className={cn("truncate text-xs", typing ? "font-medium text-primary" : "text-muted-foreground")} aria-live="polite">
            {typing ? t("typing") : subtitle}
          </p>
        </div>
        {headerActions}
        {onRestart && (
          <Button variant="ghost" size="sm" onClick={onRestart} disabled={busy}>
            <RotateCcw />
            {t("restart")}
          </Button>
        )}
      </header>

      <div
        ref={scroller}
        onScroll={(event) => {
          const el = event.currentTarget;
          stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
        className="relative min-h-0 flex-1 overflow-y-auto bg-[oklch(0.955_0.013_95)] bg-[radial-gradient(oklch(0.86_0.02_95)_1px,transparent_1.2px)] bg-size-[18px_18px] px-[5%] py-3 dark:bg-[oklch(0.2_0.012_200)] dark:bg-[radial-gradient(oklch(0.3_0.012_200)_1px,transparent_1.2px)]"
        role="log"
        aria-live="polite"
        aria-label={t("messages")}
        data-testid="chat-log"
      >
        {notice && (
          <p className="mx-auto mb-2 flex w-fit max-w-md items-center gap-1.5 rounded-lg bg-[oklch(0.96_0.04_90)] px-3 py-1.5 text-center text-[0.7rem] text-[oklch(0.42_0.05_80)] shadow-sm dark:bg-muted dark:text-muted-foreground">
            <Lock className="size-3 shrink-0" />
            {notice}
          </p>
        )}
        {messages.length === 0 && !typing && emptyHint && (
          <div className="mx-auto mt-10 max-w-xs rounded-xl bg-card/90 px-5 py-4 text-center text-sm text-muted-foreground shadow-sm">{emptyHint}</div>
        )}
        {messages.map((message, index) => {
          const previous = messages[index - 1];
          const newDay = !previous || new Date(previous.time).toDateString() !== new Date(message.time).toDateString();
          return (
            <Fragment key={message.id}>
              {newDay && (
                <div className="my-2 flex justify-center">
                  <span className="rounded-md bg-card/95 px-2.5 py-1 text-[0.7rem] font-medium text-muted-foreground uppercase shadow-sm">{dayLabel(message.time)}</span>
                </div>
              )}
              <MessageBubble message={message} onReply={onReply} replyDisabled={busy || !!disabledReason} grouped={!newDay && previous?.from === message.from} />
            </Fragment>
          );
        })}
        {typing && (
          <div className="mt-2.5 flex" aria-hidden data-testid="typing-bubble">
            <span className="flex items-center gap-1 rounded-lg rounded-tl-none bg-card px-3.5 py-3 shadow-[0_1px_0.5px_rgba(0,0,0,0.13)]">
              {[0, 150, 300].map((delay) => (
                <span key={delay} className="size-1.5 animate-bounce rounded-full bg-muted-foreground/70" style={{ animationDelay: `${delay}ms` }} />
              ))}
            </span>
          </div>
        )}
      </div>

      {disabledReason ? (
        <p className="border-t bg-muted/60 px-4 py-3 text-center text-sm text-muted-foreground">{disabledReason}</p>
      ) : (
        <>
        {refusal && (
          <p className="flex items-start gap-2 border-t bg-destructive/10 px-4 py-2 text-sm text-destructive" role="alert" data-testid="file-refused">
            <AlertCircle className="mt-0.5 size-4 shrink-0" />
            <span className="flex-1">{refusal}</span>
            <button type="button" className="text-xs underline underline-offset-2" onClick={() => setRefusal(null)}>
              {t("dismiss")}
            </button>
          </p>
        )}
        <Composer
          onSend={onSendText}
          onAttach={onAttach}
          busy={busy}
          {...(filesEnabled
            ? {
                onPickFile: pickFile,
                attachment,
                onRemoveAttachment: () => setAttachment(null),
                onSendFile: (picked: Attachment, caption: string) => {
                  setAttachment(null);
                  onSendFile?.(picked, caption);
                },
              }
            : {})}
        />
        </>
      )}
    </section>
  );
}
