"use client";

import { List, Loader2, RotateCcw, SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import type { ChatMessage, ChatReply } from "@/lib/sandbox/chat-message";
import { cn } from "@/lib/utils";

/**
 * A compact WhatsApp-like conversation for the editor's preview: bubbles, reply buttons
 * and list rows you can tap, a composer. Same props as the simulator's chat panel.
 */
export function PreviewChat({
  messages,
  onSendText,
  onReply,
  busy,
  title,
  onRestart,
}: {
  messages: ChatMessage[];
  onSendText: (text: string) => void;
  onReply: (reply: ChatReply) => void;
  busy?: boolean;
  title: string;
  onRestart?: () => void;
}) {
  const t = useTranslations("editor");
  const [text, setText] = useState("");
  const [openList, setOpenList] = useState<string | null>(null);
  const end = useRef<HTMLDivElement>(null);
  const lastId = messages.at(-1)?.id;

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [messages.length, lastId]);

  const send = (event: React.FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value || busy) return;
    onSendText(value);
    setText("");
  };

  const lastBusiness = [...messages].reverse().find((m) => m.from === "business")?.id;

  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="preview-chat">
      <div className="flex items-center gap-2 bg-[#075e54] px-3 py-2 text-white">
        <span className="grid size-7 place-items-center rounded-full bg-white/20 text-xs font-semibold">A</span>
        <p className="min-w-0 flex-1 truncate text-sm font-medium">{title}</p>
        {busy && <Loader2 className="size-4 animate-spin" aria-label={t("preview.thinking")} />}
        {onRestart && (
          <Button type="button" size="sm" variant="ghost" className="h-7 text-white hover:bg-white/20 hover:text-white" onClick={onRestart}>
            <RotateCcw className="size-3.5" />
            {t("preview.restart")}
          </Button>
        )}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto bg-[#efeae2] px-3 py-2 dark:bg-zinc-900" role="log" aria-live="polite" aria-label={t("preview.conversation")}>
        {messages.length === 0 && <p className="mt-6 text-center text-xs text-zinc-600">{t("preview.empty")}</p>}
        {messages.map((m) => {
          const mine = m.from === "customer";
          const interactive = m.id === lastBusiness && !busy;
          return (
            <div key={m.id} className={cn("mt-2 flex flex-col", mine ? "items-end" : "items-start")} data-testid="chat-message" data-from={m.from} data-kind={m.kind}>
              <div className={cn("max-w-[85%] rounded-lg px-2.5 py-1.5 text-[13px] leading-snug shadow-sm", mine ? "bg-[#d9fdd3] text-zinc-900" : "bg-white text-zinc-900")}>
                {m.header && <p className="mb-0.5 font-semibold">{m.header}</p>}
                {m.media && <p className="mb-1 rounded bg-zinc-100 px-2 py-1 text-xs text-zinc-600">📎 {m.media.filename || m.media.url || m.media.kind}</p>}
                <p className="whitespace-pre-wrap break-words">{m.text}</p>
                {m.footer && <p className="mt-1 text-[11px] text-zinc-500">{m.footer}</p>}
                {m.kind === "list" && m.list && (
                  <button
                    type="button"
                    disabled={!interactive}
                    className="mt-1.5 flex w-full items-center justify-center gap-1 border-t border-zinc-200 pt-1.5 text-[13px] font-medium text-[#00806a] disabled:opacity-60"
                    onClick={() => setOpenList(openList === m.id ? null : m.id)}
                    aria-expanded={openList === m.id}
                  >
                    <List className="size-3.5" />
                    {m.list.buttonLabel}
                  </button>
                )}
              </div>
              {m.kind === "buttons" &&
                m.buttons?.map((b) => (
                  <button
                    key={b.id}
                    type="button"
                    disabled={!interactive}
                    className="mt-1 w-[85%] max-w-[85%] rounded-lg bg-white px-2 py-1.5 text-center text-[13px] font-medium text-[#00806a] shadow-sm outline-none hover:bg-zinc-50 focus-visible:ring-2 focus-visible:ring-ring disabled:opacity-60"
                    onClick={() => onReply({ id: b.id, title: b.title })}
                    data-testid="chat-reply-button"
                  >
                    {b.title}
                  </button>
                ))}
              {m.kind === "list" && openList === m.id && m.list && (
                <div className="mt-1 w-[85%] rounded-lg bg-white p-1 shadow-sm" role="listbox" aria-label={m.list.buttonLabel}>
                  {m.list.sections.map((s, si) => (
                    <div key={si}>
                      {s.title && <p className="px-2 pt-1 text-[11px] font-semibold uppercase text-[#00806a]">{s.title}</p>}
                      {s.rows.map((r) => (
                        <button
                          key={r.id}
                          type="button"
                          role="option"
                          aria-selected={false}
                          className="block w-full rounded px-2 py-1 text-left text-[13px] outline-none hover:bg-zinc-100 focus-visible:bg-zinc-100"
                          onClick={() => {
                            setOpenList(null);
                            onReply({ id: r.id, title: r.title, description: r.description });
                          }}
                          data-testid="chat-list-row"
                        >
                          <span className="block text-zinc-900">{r.title}</span>
                          {r.description && <span className="block text-[11px] text-zinc-500">{r.description}</span>}
                        </button>
                      ))}
                    </div>
                  ))}
                </div>
              )}
            </div>
          );
        })}
        <div ref={end} />
      </div>
      <form onSubmit={send} className="flex items-center gap-2 border-t bg-card p-2">
        <input
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t("preview.placeholder")}
          aria-label={t("preview.placeholder")}
          className="h-9 min-w-0 flex-1 rounded-full border bg-background px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-ring"
          data-testid="preview-input"
        />
        <Button type="submit" size="icon" className="size-9 rounded-full" disabled={busy || !text.trim()} aria-label={t("preview.send")}>
          <SendHorizontal className="size-4" />
        </Button>
      </form>
    </div>
  );
}
