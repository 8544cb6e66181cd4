"use client";

import { Inbox, Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import type { ConversationSummary } from "@/lib/desk/types";
import { cn } from "@/lib/utils";
import type { DeskQueue, HoursStatus } from "./desk-app";
import { initials, phone, shortDuration } from "./format";
import { useNow } from "./use-now";

export type ListTab = "mine" | "waiting" | "closed";

export function ConversationList({
  lists,
  tab,
  onTab,
  queues,
  queueFilter,
  onQueueFilter,
  selectedId,
  onSelect,
  hours,
}: {
  lists: { mine: ConversationSummary[]; waiting: ConversationSummary[]; closed: ConversationSummary[] } | null;
  tab: ListTab;
  onTab: (tab: ListTab) => void;
  queues: DeskQueue[];
  queueFilter: string | null;
  onQueueFilter: (id: string | null) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
  hours: HoursStatus;
}) {
  const t = useTranslations("desk");
  const now = useNow();
  const items = lists ? lists[tab].filter((c) => !queueFilter || c.queue?.id === queueFilter) : [];
  const unreadMine = lists?.mine.reduce((n, c) => n + (c.unreadCount > 0 ? 1 : 0), 0) ?? 0;
  const tabs: { id: ListTab; label: string; count?: number; alert?: boolean }[] = [
    { id: "mine", label: t("tabs.mine"), count: lists?.mine.length, alert: unreadMine > 0 },
    { id: "waiting", label: t("tabs.waiting"), count: lists?.waiting.length, alert: (lists?.waiting.length ?? 0) > 0 },
    { id: "closed", label: t("tabs.closed") },
  ];

  return (
    <section className="flex min-h-0 flex-col border-r" aria-label={t("listLabel")}>
      <div role="tablist" className="flex shrink-0 border-b px-2" aria-label={t("listLabel")}>
        {tabs.map((item) => (
          <button
            key={item.id}
            role="tab"
            type="button"
            aria-selected={tab === item.id}
            data-testid={`tab-${item.id}`}
            onClick={() => onTab(item.id)}
            className={cn(
              "-mb-px flex items-center gap-1.5 border-b-2 border-transparent px-2.5 py-2 text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring",
              tab === item.id && "border-primary text-foreground",
            )}
          >
            {item.label}
            {item.count !== undefined && (
              <span
                className={cn(
                  "min-w-5 rounded-full px-1.5 text-center text-xs tabular-nums",
                  item.alert ? (item.id === "waiting" ? "bg-warning text-warning-foreground" : "bg-primary text-primary-foreground") : "bg-muted",
                )}
              >
                {item.count}
              </span>
            )}
          </button>
        ))}
      </div>
      {queues.length > 1 && (
        <div className="flex shrink-0 flex-wrap gap-1 border-b px-2 py-1.5">
          {[{ id: null, name: t("allQueues") }, ...queues].map((q) => (
            <button
              key={q.id ?? "all"}
              type="button"
              aria-pressed={queueFilter === q.id}
              onClick={() => onQueueFilter(q.id)}
              className={cn(
                "rounded-full border px-2 py-0.5 text-xs outline-none hover:bg-accent focus-visible:ring-2 focus-visible:ring-ring",
                queueFilter === q.id && "border-primary bg-accent text-accent-foreground",
              )}
            >
              {q.name}
            </button>
          ))}
        </div>
      )}
      {tab === "waiting" && !hours.open && (
        <p className="shrink-0 border-b bg-warning/15 px-3 py-1.5 text-xs text-warning-foreground">{t("waitingOutsideHours")}</p>
      )}
      <ul className="min-h-0 flex-1 overflow-y-auto" data-testid={`list-${tab}`}>
        {!lists && (
          <li className="flex justify-center p-6">
            <Loader2 className="animate-spin text-muted-foreground" aria-label={t("loading")} />
          </li>
        )}
        {lists && items.length === 0 && (
          <li className="flex flex-col items-center gap-2 px-6 py-10 text-center text-sm text-muted-foreground">
            <Inbox className="size-6" />
            {t(`empty.${tab}`)}
          </li>
        )}
        {items.map((c) => (
          <ListItem key={c.id} conversation={c} now={now} selected={c.id === selectedId} onSelect={() => onSelect(c.id)} showQueue={queues.length > 1} />
        ))}
      </ul>
    </section>
  );
}

function ListItem({ conversation: c, now, selected, onSelect, showQueue }: { conversation: ConversationSummary; now: number; selected: boolean; onSelect: () => void; showQueue: boolean }) {
  const t = useTranslations("desk");
  const format = useFormatter();
  const name = c.contact.name || phone(c.contact.waId);
  const preview =
    c.lastMessage?.direction === "note"
      ? `${t("notePrefix")}: ${c.lastMessage.body ?? ""}`
      : c.lastMessage
        ? `${c.lastMessage.direction === "inbound" ? "" : `${c.lastMessage.author === "bot" ? t("bot") : t("agentPrefix")}: `}${c.lastMessage.body ?? `[${c.lastMessage.type}]`}`
        : "";
  const since = c.status === "queued" && c.queuedAt ? now - new Date(c.queuedAt).getTime() : null;
  return (
    <li>
      <button
        type="button"
        onClick={onSelect}
        aria-current={selected ? "true" : undefined}
        data-testid="conversation-item"
        data-protocol={c.protocol}
        className={cn(
          "flex w-full gap-2.5 border-b px-3 py-2.5 text-left outline-none hover:bg-muted/60 focus-visible:bg-muted focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-inset",
          selected && "bg-accent hover:bg-accent",
        )}
      >
        <span className="grid size-9 shrink-0 place-items-center rounded-full bg-secondary text-xs font-semibold text-secondary-foreground">{initials(c.contact.name, c.contact.waId)}</span>
        <span className="grid min-w-0 flex-1 grid-cols-[minmax(0,1fr)] gap-0.5">
          <span className="flex items-baseline gap-2">
            <span className={cn("truncate text-sm", c.unreadCount > 0 ? "font-semibold" : "font-medium")}>{name}</span>
            <span className="ml-auto shrink-0 text-xs text-muted-foreground tabular-nums">
              {since !== null ? (
                <span className={cn(since > 5 * 60_000 && "font-medium text-destructive")} title={t("waitingFor")}>
                  {shortDuration(since)}
                </span>
              ) : (
                format.dateTime(new Date(c.lastActivityAt), sameDay(c.lastActivityAt, now) ? { hour: "2-digit", minute: "2-digit" } : { day: "2-digit", month: "2-digit" })
              )}
            </span>
          </span>
          <span className="flex items-center gap-2">
            <span className="truncate text-xs text-muted-foreground">{preview}</span>
            {c.unreadCount > 0 && (
              <span role="img" className="ml-auto shrink-0 rounded-full bg-primary px-1.5 text-xs font-semibold text-primary-foreground tabular-nums" aria-label={t("unread", { count: c.unreadCount })}>
                {c.unreadCount}
              </span>
            )}
          </span>
          <span className="flex items-center gap-1.5 text-[11px] text-muted-foreground">
            <span className="font-mono">{c.protocol}</span>
            {showQueue && c.queue && <span className="truncate">· {c.queue.name}</span>}
            {c.position !== null && <span className="ml-auto shrink-0 rounded bg-muted px-1 font-medium">{t("position", { position: c.position })}</span>}
            {c.status === "closed" && c.assignee && <span className="ml-auto truncate">{c.assignee.name}</span>}
          </span>
        </span>
      </button>
    </li>
  );
}

function sameDay(iso: string, now: number): boolean {
  return new Date(iso).toDateString() === new Date(now).toDateString();
}
