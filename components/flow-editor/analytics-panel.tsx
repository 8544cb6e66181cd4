"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { FlowOverlay, NodeDetail } from "@/lib/analytics/bot/overlay-types";
import { apiFetch } from "@/lib/api-client";
import { useEditor } from "./store";

/**
 * The overlay's side panel: with no node selected, what the figures mean; with one, its
 * numbers and the few recent conversations whose bot part ended there (transcript links for
 * those allowed to read them).
 */
export function NodeAnalyticsPanel({ flowId, overlay }: { flowId: string; overlay: FlowOverlay }) {
  const t = useTranslations("editor.analytics");
  const format = useFormatter();
  const selectedId = useEditor((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0]!.id : null;
  });
  const [detail, setDetail] = useState<NodeDetail | null>(null);

  useEffect(() => {
    setDetail(null);
    if (!selectedId) return;
    let live = true;
    const params = new URLSearchParams({ version: String(overlay.version.number), from: overlay.range.from, to: overlay.range.to });
    apiFetch<NodeDetail>(`/api/analytics/flows/${flowId}/overlay/nodes/${encodeURIComponent(selectedId)}?${params}`)
      .then((d) => live && setDetail(d))
      .catch(() => live && setDetail({ nodeId: selectedId, version: overlay.version.number, conversations: [], canReadTranscripts: false }));
    return () => {
      live = false;
    };
  }, [flowId, overlay, selectedId]);

  if (!selectedId) {
    return (
      <div className="grid gap-2 p-4 text-sm" data-testid="overlay-legend">
        <h2 className="font-medium">{t("title", { n: overlay.version.number })}</h2>
        <p className="text-muted-foreground">{t("pickNode")}</p>
        <ul className="grid gap-1 text-xs text-muted-foreground">
          <li>{t("legend.visits")}</li>
          <li>{t("legend.invalid")}</li>
          <li>{t("legend.handoffs")}</li>
          <li>{t("legend.abandoned")}</li>
          <li>{t("legend.contained")}</li>
          <li>{t("legend.edges")}</li>
        </ul>
      </div>
    );
  }

  const f = overlay.nodes[selectedId];
  const pct = (v: number | null) => (v === null ? "—" : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const rows: [string, string][] = [
    [t("panel.visits"), format.number(f?.visits ?? 0)],
    [t("panel.conversations"), format.number(f?.conversations ?? 0)],
    [t("panel.share"), pct(f?.share ?? 0)],
    [t("panel.answers"), format.number(f?.answers ?? 0)],
    [t("panel.invalid"), f && f.answers > 0 ? `${format.number(f.invalid)} (${pct(f.invalidRate)})` : "—"],
    [t("panel.handoffs"), format.number(f?.handoffs ?? 0)],
    [t("panel.abandoned"), format.number(f?.abandoned ?? 0)],
    [t("panel.contained"), format.number(f?.contained ?? 0)],
  ];
  return (
    <div className="grid gap-3 border-b p-4 text-sm" data-testid="overlay-node-panel">
      <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-1">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="text-right font-medium tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-1.5">
        <h3 className="text-xs font-medium uppercase tracking-wide text-muted-foreground">{t("recent")}</h3>
        {!detail ? (
          <p className="text-xs text-muted-foreground">{t("loading")}</p>
        ) : detail.conversations.length === 0 ? (
          <p className="text-xs text-muted-foreground">{t("noRecent")}</p>
        ) : (
          <ul className="grid gap-1" data-testid="overlay-recent">
            {detail.conversations.map((c) => (
              <li key={c.protocol} className="flex items-center justify-between gap-2 text-xs">
                {detail.canReadTranscripts ? (
                  <Link href={`/protocols/${c.protocol}`} className="font-mono text-primary underline-offset-4 hover:underline">
                    {c.protocol}
                  </Link>
                ) : (
                  <span className="font-mono">{c.protocol}</span>
                )}
                <span className="text-muted-foreground">
                  {t(`outcome.${c.outcome}`)} · {format.dateTime(new Date(c.at), { dateStyle: "short", timeStyle: "short" })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
