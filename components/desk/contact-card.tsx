"use client";

import { ChevronDown, History, Link2, Loader2, Route, Variable } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { MessageMedia } from "@/components/media/message-media";
import { apiFetch } from "@/lib/api-client";
import type { ConversationDetail, HistoryItem } from "@/lib/desk/types";
import { groupMediaAnswers } from "@/lib/flow/media-answer";
import { cn } from "@/lib/utils";
import { ExportMenu, STATUS_VARIANT } from "./conversation-view";
import { initials, phone } from "./format";
import { MarketingConsent } from "./marketing-consent";
import { Transcript } from "./transcript";

/** The right column: who the customer is, what the bot learned, and every earlier protocol. */
export function ContactCard({ detail }: { detail: ConversationDetail | null }) {
  const t = useTranslations("desk");
  const format = useFormatter();
  const [historyOpen, setHistoryOpen] = useState<HistoryItem | null>(null);
  if (!detail) return <aside className="border-l bg-muted/20" aria-label={t("contact.title")} />;
  const d = detail;
  // A file the flow captured shows as the file itself; its `x.id`, `x.url`… variables are not repeated.
  const captured = groupMediaAnswers(d.flow?.variables ?? {});
  const variables = captured.rest.map((k) => [k, d.flow?.variables[k] ?? ""] as const);
  const files = d.flow?.media ?? [];
  const expires = d.window.expiresAt ? new Date(d.window.expiresAt) : null;
  return (
    <aside className="flex min-h-0 flex-col overflow-y-auto border-l text-sm" aria-label={t("contact.title")} data-testid="contact-card">
      <div className="flex items-center gap-3 border-b p-3">
        <span className="grid size-10 shrink-0 place-items-center rounded-full bg-primary/15 font-semibold text-primary">{initials(d.contact.name, d.contact.waId)}</span>
        <div className="min-w-0">
          <p className="truncate font-semibold" data-testid="contact-name">{d.contact.name || t("contact.noName")}</p>
          <p className="text-xs text-muted-foreground tabular-nums">{phone(d.contact.waId)}</p>
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 border-b p-3 text-xs">
        <dt className="text-muted-foreground">{t("contact.window")}</dt>
        <dd className={cn("font-medium", d.window.open ? "text-success" : "text-warning-foreground")} data-testid="window-status">
          {d.window.open && expires ? t("contact.windowOpenUntil", { time: format.dateTime(expires, { hour: "2-digit", minute: "2-digit", day: "numeric", month: "short" }) }) : t("contact.windowClosed")}
        </dd>
        <dt className="text-muted-foreground">{t("contact.opened")}</dt>
        <dd>{format.dateTime(new Date(d.openedAt), { dateStyle: "short", timeStyle: "short" })}</dd>
        {d.queuedAt && (
          <>
            <dt className="text-muted-foreground">{t("contact.queued")}</dt>
            <dd>{format.dateTime(new Date(d.queuedAt), { dateStyle: "short", timeStyle: "short" })}</dd>
          </>
        )}
        <dt className="text-muted-foreground">{t("contact.channel")}</dt>
        <dd className="truncate">{d.channel.displayNumber}</dd>
      </dl>
      <MarketingConsent conversationId={d.id} />

      {d.linked && (
        <Section icon={<Link2 className="size-3.5" />} title={t("contact.linked", { protocol: d.linked.protocol })} defaultOpen testId="linked-conversation">
          <div className="max-h-64 overflow-y-auto rounded-md border bg-muted/30">
            <Transcript messages={d.linked.messages} compact />
          </div>
        </Section>
      )}

      {(variables.length > 0 || files.length > 0) && (
        <Section icon={<Variable className="size-3.5" />} title={t("contact.variables")} defaultOpen>
          {files.length > 0 && (
            <ul className="mb-2 grid grid-cols-[minmax(0,1fr)] gap-2 text-xs" data-testid="flow-media-variables">
              {files.map((f) => (
                <li key={f.name} className="grid grid-cols-[minmax(0,1fr)] gap-1" data-testid="flow-media-variable" data-variable={f.name}>
                  <span className="font-mono text-muted-foreground">{f.name}</span>
                  {f.view ? (
                    <MessageMedia media={f.view} />
                  ) : (
                    <span className="text-muted-foreground" data-testid="flow-media-unavailable">
                      {t("contact.fileUnavailable", { name: f.display })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs" data-testid="flow-variables">
            {variables.map(([k, v]) => (
              <div key={k} className="contents">
                <dt className="font-mono text-muted-foreground">{k}</dt>
                <dd className="break-words">{String(v)}</dd>
              </div>
            ))}
          </dl>
        </Section>
      )}

      {d.flow && d.flow.path.length > 0 && (
        <Section icon={<Route className="size-3.5" />} title={t("contact.flowPath")}>
          <ol className="grid gap-0.5 text-xs" data-testid="flow-path">
            {d.flow.path.map((step, i) => (
              <li key={`${step.id}-${i}`} className="flex gap-1.5">
                <span className="w-4 shrink-0 text-right text-muted-foreground tabular-nums">{i + 1}</span>
                <span className="shrink-0 rounded bg-muted px-1 font-mono text-[10px]">{step.type ?? "?"}</span>
                <span className="truncate" title={step.label ?? step.id}>{step.label ?? step.id}</span>
              </li>
            ))}
          </ol>
        </Section>
      )}

      <Section icon={<History className="size-3.5" />} title={t("contact.history", { count: d.history.length })} defaultOpen>
        {d.history.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t("contact.noHistory")}</p>
        ) : (
          <ul className="grid gap-1" data-testid="contact-history">
            {d.history.map((h) => (
              <li key={h.id}>
                <button type="button" onClick={() => setHistoryOpen(h)} className="flex w-full items-center gap-2 rounded px-1.5 py-1 text-left text-xs hover:bg-muted">
                  <span className="font-mono">{h.protocol}</span>
                  <Badge variant={STATUS_VARIANT[h.status]} className="px-1 py-0 text-[10px]">{t(`status.${h.status}`)}</Badge>
                  <span className="ml-auto text-muted-foreground">{format.dateTime(new Date(h.openedAt), { day: "2-digit", month: "2-digit" })}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <HistoryDialog item={historyOpen} onClose={() => setHistoryOpen(null)} />
    </aside>
  );
}

function Section({ icon, title, children, defaultOpen = false, testId }: { icon: React.ReactNode; title: string; children: React.ReactNode; defaultOpen?: boolean; testId?: string }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <section className="border-b px-3 py-2" data-testid={testId}>
      <button type="button" className="flex w-full items-center gap-1.5 text-xs font-semibold text-muted-foreground uppercase" aria-expanded={open} onClick={() => setOpen(!open)}>
        {icon}
        <span className="truncate">{title}</span>
        <ChevronDown className={cn("ml-auto size-3.5 transition-transform", !open && "-rotate-90")} />
      </button>
      {open && <div className="mt-2">{children}</div>}
    </section>
  );
}

function HistoryDialog({ item, onClose }: { item: HistoryItem | null; onClose: () => void }) {
  const [detail, setDetail] = useState<ConversationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = item?.id ?? null;
  useEffect(() => {
    if (!id) return;
    let alive = true;
    setDetail(null);
    setError(null);
    apiFetch<{ conversation: ConversationDetail }>(`/api/desk/conversations/${id}`)
      .then((r) => alive && setDetail(r.conversation))
      .catch((e: Error) => alive && setError(e.message));
    return () => {
      alive = false;
    };
  }, [id]);
  return (
    <Dialog open={!!item} onOpenChange={(o) => !o && onClose()}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <span className="font-mono">{item?.protocol}</span>
            {item && <ExportMenu protocol={item.protocol} />}
          </DialogTitle>
          <DialogDescription>{item?.queueName ?? ""}</DialogDescription>
        </DialogHeader>
        <div className="max-h-[60vh] overflow-y-auto rounded-md border bg-muted/30">
          {error ? <p className="p-4 text-sm text-destructive">{error}</p> : detail ? <Transcript messages={detail.messages} compact /> : <Loader2 className="m-4 animate-spin" />}
        </div>
      </DialogContent>
    </Dialog>
  );
}
