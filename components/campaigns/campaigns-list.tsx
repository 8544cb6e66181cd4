"use client";

import { Megaphone, Plus } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useLiveEvents } from "@/components/desk/use-live-events";
import { apiFetch } from "@/lib/api-client";
import type { CampaignSummary } from "@/lib/contacts/campaigns/queries";
import { CampaignProgressBar } from "./progress-bar";
import { CampaignStatusBadge } from "./status-badge";

export function CampaignsList({ initial }: { initial: CampaignSummary[] }) {
  const t = useTranslations("campaigns");
  const format = useFormatter();
  const [campaigns, setCampaigns] = useState(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Progress events come many a second while a campaign sends: one re-read per second at most.
  const reload = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(async () => {
      timer.current = null;
      try {
        setCampaigns((await apiFetch<{ campaigns: CampaignSummary[] }>("/api/campaigns")).campaigns);
      } catch {
        // the next event tries again
      }
    }, 1_000);
  }, []);
  useLiveEvents((event) => {
    if (event.type === "campaign.progress") reload();
  });

  return (
    <section className="grid gap-4">
      <div className="flex items-center justify-between gap-4">
        <p className="max-w-3xl text-sm text-muted-foreground">{t("description")}</p>
        <Button asChild>
          <Link href="/campaigns/new">
            <Plus /> {t("new")}
          </Link>
        </Button>
      </div>
      {campaigns.length === 0 ? (
        <div className="flex items-center gap-2 rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          <Megaphone className="size-4" aria-hidden />
          {t("empty")}
        </div>
      ) : (
        <Table className="table-fixed">
          <TableHeader>
            <TableRow>
              <TableHead className="w-64">{t("name")}</TableHead>
              <TableHead className="w-32">{t("status")}</TableHead>
              <TableHead className="w-48">{t("template")}</TableHead>
              <TableHead>{t("progress")}</TableHead>
              <TableHead className="w-40">{t("created")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {campaigns.map((c) => (
              <TableRow key={c.id}>
                <TableCell className="truncate font-medium">
                  <Link href={`/campaigns/${c.id}`} className="underline-offset-4 hover:underline focus-visible:underline">
                    {c.name}
                  </Link>
                  <div className="truncate text-xs text-muted-foreground">
                    {(c.audience as { kind: string }).kind === "tag"
                      ? t("audienceTag", { tag: (c.audience as { tag: string }).tag })
                      : t("audienceCsv", { filename: (c.audience as { filename?: string | null }).filename ?? "" })}
                  </div>
                </TableCell>
                <TableCell>
                  <CampaignStatusBadge status={c.status as never} />
                  {c.status === "scheduled" && c.scheduledAt && (
                    <div className="mt-1 text-xs text-muted-foreground">{format.dateTime(new Date(c.scheduledAt), { dateStyle: "short", timeStyle: "short" })}</div>
                  )}
                </TableCell>
                <TableCell className="truncate font-mono text-xs">
                  {c.template.name} · {c.template.language}
                </TableCell>
                <TableCell>
                  <CampaignProgressBar totals={c.totals} label={t("progress")} />
                  <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-muted-foreground tabular-nums">
                    <span>
                      {t("totals.total")}: {c.totals.total}
                    </span>
                    <span>
                      {t("totals.delivered")}: {c.totals.delivered + c.totals.read}
                    </span>
                    <span>
                      {t("totals.replied")}: {c.totals.replied}
                    </span>
                    <span>
                      {t("totals.failed")}: {c.totals.failed}
                    </span>
                  </div>
                </TableCell>
                <TableCell className="text-sm">{format.dateTime(new Date(c.createdAt), { dateStyle: "short", timeStyle: "short" })}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
