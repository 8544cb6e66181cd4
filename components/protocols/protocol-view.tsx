"use client";

import { Download, FileText, Headset } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { STATUS_VARIANT } from "@/components/desk/conversation-view";
import { phone } from "@/components/desk/format";
import { Transcript } from "@/components/desk/transcript";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConversationDetail } from "@/lib/desk/types";
import { SHORT_DATE_TIME } from "@/lib/i18n/formats";

/** One protocol, read-only: the facts, the transcript and the exports. */
export function ProtocolView({ detail: d }: { detail: ConversationDetail }) {
  const t = useTranslations("protocols");
  const td = useTranslations("desk");
  const format = useFormatter();
  const when = (v: string | null) => (v ? format.dateTime(new Date(v), SHORT_DATE_TIME) : "—");
  const facts: [string, React.ReactNode][] = [
    [t("customer"), d.contact.name ?? "—"],
    [t("phone"), phone(d.contact.waId)],
    [t("status"), <Badge key="s" variant={STATUS_VARIANT[d.status]}>{td(`status.${d.status}`)}</Badge>],
    [t("queue"), d.queue?.name ?? "—"],
    [t("agent"), d.assignee?.name ?? "—"],
    [t("opened"), when(d.openedAt)],
    [t("closed"), when(d.closedAt)],
    [t("linked"), d.linked ? <Link key="l" className="font-mono text-primary hover:underline" href={`/protocols/${d.linked.protocol}`}>{d.linked.protocol}</Link> : "—"],
  ];
  return (
    <div className="grid min-h-0 grid-cols-[280px_minmax(0,1fr)] gap-0">
      <aside className="grid content-start gap-4 border-r p-4 text-sm">
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5">
          {facts.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-muted-foreground">{k}</dt>
              <dd className="min-w-0 truncate">{v}</dd>
            </div>
          ))}
        </dl>
        <div className="grid gap-2">
          <Button asChild variant="outline" size="sm">
            <a href={`/api/desk/protocols/${d.protocol}/export?format=html`} target="_blank" rel="noopener" data-testid="export-html">
              <FileText />
              {t("exportHtml")}
            </a>
          </Button>
          <Button asChild variant="outline" size="sm">
            <a href={`/api/desk/protocols/${d.protocol}/export?format=json`} download data-testid="export-json">
              <Download />
              {t("exportJson")}
            </a>
          </Button>
          {d.status !== "bot" && (
            <Button asChild size="sm">
              <Link href={`/desk?c=${d.id}`}>
                <Headset />
                {t("openInDesk")}
              </Link>
            </Button>
          )}
        </div>
        {d.history.length > 0 && (
          <div>
            <p className="mb-1 text-xs font-semibold text-muted-foreground uppercase">{t("otherProtocols")}</p>
            <ul className="grid gap-1 text-xs">
              {d.history.map((h) => (
                <li key={h.id} className="flex items-center gap-2">
                  <Link href={`/protocols/${h.protocol}`} className="font-mono text-primary hover:underline">
                    {h.protocol}
                  </Link>
                  <span className="text-muted-foreground">{td(`status.${h.status}`)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </aside>
      <section className="min-w-0 bg-muted/30">
        <Transcript messages={d.messages} />
      </section>
    </div>
  );
}
