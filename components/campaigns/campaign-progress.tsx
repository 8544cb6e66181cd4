"use client";

import { ArrowLeft, Loader2, MessageSquare, Pause, Play, XCircle } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLiveEvents } from "@/components/desk/use-live-events";
import { apiFetch } from "@/lib/api-client";
import type { CampaignSummary, RecipientView } from "@/lib/contacts/campaigns/queries";
import { CampaignProgressBar } from "./progress-bar";
import { CampaignStatusBadge } from "./status-badge";

const FILTERS = ["all", "pending", "sent", "delivered", "read", "replied", "failed", "skipped"] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 100;

const RECIPIENT_VARIANT: Record<string, "default" | "secondary" | "destructive" | "outline" | "success" | "warning"> = {
  pending: "outline",
  queued: "outline",
  sent: "secondary",
  delivered: "success",
  read: "success",
  failed: "destructive",
  skipped: "warning",
};

export function CampaignProgress({ initial, initialRecipients }: { initial: CampaignSummary; initialRecipients: RecipientView[] }) {
  const t = useTranslations("campaigns");
  const format = useFormatter();
  const [campaign, setCampaign] = useState(initial);
  const [filter, setFilter] = useState<Filter>("all");
  const [recipients, setRecipients] = useState(initialRecipients);
  const [busy, setBusy] = useState<string | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;
  const shown = useRef(Math.max(PAGE, initialRecipients.length));

  const load = useCallback(
    async (which: Filter, limit: number) => {
      const query = new URLSearchParams({ limit: String(Math.min(500, limit)) });
      if (which !== "all") query.set("status", which);
      const [c, r] = await Promise.all([
        apiFetch<{ campaign: CampaignSummary }>(`/api/campaigns/${initial.id}`),
        apiFetch<{ recipients: RecipientView[] }>(`/api/campaigns/${initial.id}/recipients?${query}`),
      ]);
      setCampaign(c.campaign);
      if (filterRef.current === which) setRecipients(r.recipients);
    },
    [initial.id],
  );

  // Live: progress events arrive many a second while sending; one re-read a second at most.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load(filterRef.current, shown.current).catch(() => {});
    }, 1_000);
  }, [load]);
  const { connected } = useLiveEvents((event) => {
    if (event.type === "campaign.progress" && (event as { campaignId?: string }).campaignId === initial.id) refresh();
  });
  useEffect(() => () => clearTimeout(timer.current ?? undefined), []);

  function choose(next: Filter) {
    setFilter(next);
    shown.current = PAGE;
    void load(next, PAGE).catch((error) => toast.error((error as Error).message));
  }

  async function act(action: "pause" | "resume" | "cancel") {
    setBusy(action);
    try {
      const answer = await apiFetch<{ campaign: CampaignSummary }>(`/api/campaigns/${initial.id}/${action}`, { method: "POST" });
      setCampaign(answer.campaign);
      toast.success(t(`actions.${action === "pause" ? "paused" : action === "resume" ? "resumed" : "cancelled"}`));
    } catch (error) {
      toast.error((error as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const totals = campaign.totals;
  const cards: { key: string; value: number }[] = [
    { key: "total", value: totals.total },
    { key: "sent", value: totals.sent + totals.delivered + totals.read },
    { key: "delivered", value: totals.delivered + totals.read },
    { key: "read", value: totals.read },
    { key: "replied", value: totals.replied },
    { key: "failed", value: totals.failed },
    { key: "skipped", value: totals.skipped },
    { key: "pending", value: totals.pending + totals.queued },
  ];
  const canPause = campaign.status === "running" || campaign.status === "scheduled";
  const canResume = campaign.status === "paused" || campaign.status === "stopped";
  const canCancel = ["scheduled", "running", "paused", "stopped"].includes(campaign.status);
  // Known reasons in the reader's language; any other (Meta's own text) as recorded.
  const reasonText = (r: RecipientView) =>
    r.status === "skipped" && r.reason === "opted out"
      ? t("reasons.optedOut")
      : r.errorCode !== null && t.has(`reasons.${r.errorCode}`)
        ? t(`reasons.${r.errorCode}`)
        : r.reason;
  const when = (iso: string | null) => (iso ? format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "medium" }) : "");

  return (
    <section className="grid gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex min-w-0 flex-wrap items-center gap-3">
          <Button asChild variant="ghost" size="sm">
            <Link href="/campaigns">
              <ArrowLeft /> {t("back")}
            </Link>
          </Button>
          <CampaignStatusBadge status={campaign.status as never} />
          <span className="truncate font-mono text-xs text-muted-foreground">
            {campaign.template.name} · {campaign.template.language} · {t("rate", { rate: campaign.sendRatePerSecond, channel: campaign.channelName })}
          </span>
          {campaign.status === "scheduled" && campaign.scheduledAt && <span className="text-sm">{t("scheduledFor", { time: when(campaign.scheduledAt) })}</span>}
          <span className="text-xs text-muted-foreground" data-testid="campaign-reply-route">
            {campaign.replyQueueName
              ? t("replies.toQueue", { queue: campaign.replyQueueName })
              : campaign.replyFlowName
                ? t("replies.toFlow", { flow: campaign.replyFlowName })
                : t("replies.toChannel")}
          </span>
          {connected && (
            <span className="flex items-center gap-1 text-xs text-muted-foreground">
              <span className="size-2 rounded-full bg-emerald-500" aria-hidden /> {t("live")}
            </span>
          )}
        </div>
        <div className="flex items-center gap-2">
          {canPause && (
            <Button variant="outline" onClick={() => act("pause")} disabled={busy !== null}>
              {busy === "pause" ? <Loader2 className="animate-spin" /> : <Pause />} {t("actions.pause")}
            </Button>
          )}
          {canResume && (
            <Button onClick={() => act("resume")} disabled={busy !== null}>
              {busy === "resume" ? <Loader2 className="animate-spin" /> : <Play />} {t("actions.resume")}
            </Button>
          )}
          {canCancel && (
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="ghost" disabled={busy !== null}>
                  <XCircle /> {t("actions.cancel")}
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>{t("actions.cancelTitle")}</AlertDialogTitle>
                  <AlertDialogDescription>{t("actions.cancelBody")}</AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>{t("actions.keep")}</AlertDialogCancel>
                  <AlertDialogAction onClick={() => act("cancel")}>{t("actions.cancel")}</AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          )}
        </div>
      </div>
      {campaign.statusReason && (
        <Alert variant="destructive">
          <AlertDescription>{campaign.statusReason}</AlertDescription>
        </Alert>
      )}
      <div className="grid grid-cols-4 gap-2 lg:grid-cols-8" data-testid="campaign-totals">
        {cards.map((card) => (
          <div key={card.key} className="rounded-md border p-3" data-total={card.key}>
            <div className="text-xs text-muted-foreground">{t(`totals.${card.key}`)}</div>
            <div className="text-xl font-semibold tabular-nums">{card.value}</div>
          </div>
        ))}
      </div>
      <CampaignProgressBar totals={totals} label={t("progress")} />
      <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t("recipients")}>
        {FILTERS.map((f) => (
          <Button key={f} size="sm" variant={filter === f ? "secondary" : "ghost"} aria-pressed={filter === f} onClick={() => choose(f)}>
            {f === "all" ? t("all") : t(`recipientStatuses.${f}`)}
          </Button>
        ))}
      </div>
      {recipients.length === 0 ? (
        <p className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">{t("noRecipients")}</p>
      ) : (
        <Table className="table-fixed">
          <TableHeader>
            <TableRow>
              <TableHead className="w-44">{t("form.phone")}</TableHead>
              <TableHead className="w-44">{t("name")}</TableHead>
              <TableHead className="w-32">{t("status")}</TableHead>
              <TableHead className="w-44">{t("updated")}</TableHead>
              <TableHead>{t("reason")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {recipients.map((r) => (
              <TableRow key={r.id} data-phone={r.phone} data-status={r.status}>
                <TableCell className="font-mono text-sm">{r.phone}</TableCell>
                <TableCell className="truncate">{r.name}</TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    <Badge variant={RECIPIENT_VARIANT[r.status] ?? "outline"}>{t(`recipientStatuses.${r.status}`)}</Badge>
                    {r.repliedAt && <Badge variant="default">{t("recipientStatuses.replied")}</Badge>}
                  </div>
                </TableCell>
                <TableCell className="text-xs text-muted-foreground tabular-nums">
                  {when(r.repliedAt ?? r.readAt ?? r.deliveredAt ?? r.failedAt ?? r.sentAt)}
                </TableCell>
                <TableCell className="text-sm break-words whitespace-normal">
                  {r.replyConversationId ? (
                    <Link href={`/desk?c=${r.replyConversationId}`} className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline">
                      <MessageSquare className="size-3.5" aria-hidden /> {t("replies.open")}
                    </Link>
                  ) : (
                    reasonText(r)
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {recipients.length >= shown.current && shown.current < 500 && (
        <Button
          variant="outline"
          className="justify-self-start"
          onClick={() => {
            shown.current += PAGE;
            void load(filter, shown.current).catch((error) => toast.error((error as Error).message));
          }}
        >
          {t("more")}
        </Button>
      )}
    </section>
  );
}
