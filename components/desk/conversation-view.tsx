"use client";

import { ArrowRightLeft, CheckCircle2, Copy, Download, FileText, Hand, Loader2, MessagesSquare, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { apiFetch, ApiError } from "@/lib/api-client";
import type { ConversationDetail } from "@/lib/desk/types";
import type { CannedResponse, DeskUser, MessageTemplate } from "./desk-app";
import type { ListTab } from "./conversation-list";
import { Composer } from "./composer";
import { phone } from "./format";
import { ResolveDialog } from "./resolve-dialog";
import { TransferDialog } from "./transfer-dialog";
import { Transcript } from "./transcript";

export function deskErrorMessage(t: ReturnType<typeof useTranslations>, error: unknown): string {
  const reason = error instanceof ApiError ? ((error.body as { error?: { details?: { reason?: string } } })?.error?.details?.reason ?? null) : null;
  if (reason && t.has(`errors.${reason}`)) return t(`errors.${reason}`);
  if (error instanceof ApiError && error.status === 404) return t("notFound");
  return (error as Error).message;
}

export const STATUS_VARIANT = { bot: "secondary", queued: "warning", assigned: "success", closed: "outline" } as const;

export function ConversationView({
  me,
  detail,
  error,
  selectedId,
  canned,
  templates,
  onChanged,
  onReload,
}: {
  me: DeskUser;
  detail: ConversationDetail | null;
  error: string | null;
  selectedId: string | null;
  canned: CannedResponse[];
  templates: MessageTemplate[];
  onChanged: (options?: { select?: string | null; tab?: ListTab }) => void;
  onReload: () => void;
}) {
  const t = useTranslations("desk");
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"transfer" | "resolve" | null>(null);
  const [dragging, setDragging] = useState(false);
  const [dropped, setDropped] = useState<File | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const lastCount = useRef(0);

  // Whether the agent is reading the end of the transcript (not scrolled up to older messages).
  const atEnd = useRef(true);

  // Follow new messages, like a chat app: jump to the bottom when the transcript grows, and stay
  // there when a message changes size in place (a file finished downloading: spinner → photo).
  const messages = detail?.messages;
  useLayoutEffect(() => {
    const count = messages?.length ?? 0;
    if ((count !== lastCount.current || atEnd.current) && scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
    lastCount.current = count;
  }, [messages]);

  if (!selectedId) {
    return (
      <section className="flex flex-col items-center justify-center gap-2 bg-muted/30 text-sm text-muted-foreground">
        <MessagesSquare className="size-8" />
        {t("pickConversation")}
      </section>
    );
  }
  if (error) return <section className="flex items-center justify-center bg-muted/30 p-6 text-sm text-muted-foreground" role="alert">{error}</section>;
  if (!detail) {
    return (
      <section className="flex items-center justify-center bg-muted/30">
        <Loader2 className="animate-spin text-muted-foreground" aria-label={t("loading")} />
      </section>
    );
  }

  async function act(name: string, run: () => Promise<unknown>, success: string, next?: { select?: string | null; tab?: ListTab }) {
    setBusy(name);
    try {
      await run();
      toast.success(success);
      onChanged(next);
    } catch (err) {
      toast.error(deskErrorMessage(t, err));
      onChanged();
    } finally {
      setBusy(null);
    }
  }

  const d = detail;
  const name = d.contact.name || phone(d.contact.waId);
  return (
    <section
      className="relative flex min-h-0 min-w-0 flex-col"
      aria-label={t("conversationLabel")}
      data-testid="conversation"
      data-protocol={d.protocol}
      data-status={d.status}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = "copy";
        if (!dragging) setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes("Files")) return;
        e.preventDefault();
        setDragging(false);
        const files = e.dataTransfer.files;
        if (files.length > 1) toast.info(t("attach.oneAtATime"));
        if (files[0]) setDropped(files[0]);
      }}
    >
      {dragging && (
        <div className="pointer-events-none absolute inset-2 z-20 flex items-center justify-center rounded-lg border-2 border-dashed border-primary bg-background/85 text-sm font-medium text-primary" data-testid="drop-overlay">
          {t("attach.dropHere")}
        </div>
      )}
      <header className="flex shrink-0 items-center gap-2 border-b px-4 py-2">
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-2">
            <h2 className="truncate text-sm font-semibold">{name}</h2>
            <Badge variant={STATUS_VARIANT[d.status]} className="shrink-0" data-testid="conversation-status">{t(`status.${d.status}`)}</Badge>
          </div>
          <div className="flex min-w-0 items-center gap-1.5 text-xs whitespace-nowrap text-muted-foreground">
            <button
              type="button"
              className="inline-flex shrink-0 items-center gap-1 font-mono hover:text-foreground"
              title={t("copyProtocol")}
              data-testid="conversation-protocol"
              onClick={() => void navigator.clipboard?.writeText(d.protocol).then(() => toast.success(t("protocolCopied")))}
            >
              {d.protocol}
              <Copy className="size-3" />
            </button>
            <span className="truncate">
              {d.queue && <span>· {d.queue.name} </span>}
              {d.assignee && <span data-testid="conversation-assignee">· {d.assignee.id === me.id ? t("heldByYou") : t("heldBy", { name: d.assignee.name })}</span>}
            </span>
          </div>
        </div>
        {d.can.claim && (
          <Button size="sm" data-testid="claim" disabled={busy !== null} onClick={() => act("claim", () => apiFetch(`/api/desk/conversations/${d.id}/claim`, { method: "POST" }), t("claimed"), { tab: "mine" })}>
            {busy === "claim" ? <Loader2 className="animate-spin" /> : <Hand />}
            {t("claim")}
          </Button>
        )}
        {d.can.transfer && (
          <Button size="sm" variant="outline" data-testid="transfer" disabled={busy !== null} onClick={() => setDialog("transfer")}>
            <ArrowRightLeft />
            {t("transfer")}
          </Button>
        )}
        {d.can.resolve && (
          <Button size="sm" variant="outline" data-testid="resolve" disabled={busy !== null} onClick={() => setDialog("resolve")}>
            <CheckCircle2 />
            {t("resolve")}
          </Button>
        )}
        {d.can.reopen && (
          <Button size="sm" variant="outline" data-testid="reopen" disabled={busy !== null} onClick={() => act("reopen", () => apiFetch(`/api/desk/conversations/${d.id}/reopen`, { method: "POST" }), t("reopened"), { tab: "mine" })}>
            {busy === "reopen" ? <Loader2 className="animate-spin" /> : <RotateCcw />}
            {t("reopen")}
          </Button>
        )}
        <ExportMenu protocol={d.protocol} />
      </header>
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-y-auto bg-muted/30"
        onScroll={(event) => {
          const el = event.currentTarget;
          atEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
        }}
      >
        <Transcript
          messages={d.messages}
          onRetry={
            d.can.reply
              ? async (messageId) => {
                  try {
                    await apiFetch(`/api/desk/conversations/${d.id}/messages/${messageId}/retry`, { method: "POST" });
                    toast.success(t("retrying"));
                    onReload();
                  } catch (err) {
                    toast.error(deskErrorMessage(t, err));
                  }
                }
              : undefined
          }
        />
      </div>
      <Composer me={me} detail={d} canned={canned} templates={templates} dropped={dropped} onDroppedTaken={() => setDropped(null)} onSent={() => onChanged()} onClaim={() => act("claim", () => apiFetch(`/api/desk/conversations/${d.id}/claim`, { method: "POST" }), t("claimed"), { tab: "mine" })} />
      <TransferDialog open={dialog === "transfer"} detail={d} me={me} onClose={() => setDialog(null)} onDone={(stillMine) => { setDialog(null); onChanged(stillMine ? undefined : { select: null }); }} />
      <ResolveDialog open={dialog === "resolve"} detail={d} onClose={() => setDialog(null)} onDone={() => { setDialog(null); onChanged({ select: null }); }} />
    </section>
  );
}

export function ExportMenu({ protocol }: { protocol: string }) {
  const t = useTranslations("desk");
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button size="icon" variant="ghost" className="size-8" aria-label={t("export")} data-testid="export-menu">
          <Download />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuItem asChild>
          <a href={`/api/desk/protocols/${protocol}/export?format=html`} target="_blank" rel="noopener">
            <FileText />
            {t("exportHtml")}
          </a>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <a href={`/api/desk/protocols/${protocol}/export?format=json`} download>
            <Download />
            {t("exportJson")}
          </a>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
