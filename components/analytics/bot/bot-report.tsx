import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { BotFigures } from "@/lib/analytics/bot/figures";
import { BotDaysChart } from "./bot-days-chart";
import { durationParts } from "./format";

/** The Bot section's figures: KPI cards, versions side by side, days, handoff steps. */
export async function BotReport({ figures, csvHref }: { figures: BotFigures; csvHref: (table: "versions" | "days" | "handoffs") => string }) {
  const t = await getTranslations("analytics.bot");
  const types = await getTranslations("editor.types");
  const format = await getFormatter();
  const pct = (v: number | null) => (v === null ? t("none") : format.number(v, { style: "percent", maximumFractionDigits: 1 }));
  const duration = (v: number | null) => {
    if (v === null) return t("none");
    const { key, values } = durationParts(v);
    return t(`duration.${key}`, values);
  };
  const { totals } = figures;
  const kpis = [
    { key: "started", value: format.number(totals.started), hint: null },
    { key: "containmentRate", value: pct(totals.containmentRate), hint: t("kpi.rateHint") },
    { key: "contained", value: format.number(totals.contained), hint: t("kpi.containedHint") },
    { key: "handedOff", value: format.number(totals.handedOff), hint: t("kpi.handedOffHint") },
    { key: "abandoned", value: format.number(totals.abandoned), hint: t("kpi.abandonedHint") },
    { key: "medianTime", value: duration(totals.medianSecondsToContainment), hint: null },
  ] as const;
  const typeName = (type: string | null) => (type && types.has(type as never) ? types(type as never) : null);
  const csvLink = (table: "versions" | "days" | "handoffs") => (
    <a href={csvHref(table)} className="text-xs font-medium text-primary underline-offset-4 hover:underline" download>
      {t("csv")}
    </a>
  );

  return (
    <div className="grid gap-6">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="bot-kpis">
        {kpis.map((k) => (
          <Card key={k.key} className="gap-1 py-4">
            <CardHeader className="px-4">
              <CardDescription>{t(`kpi.${k.key}`)}</CardDescription>
              <CardTitle className="text-2xl tabular-nums" data-kpi={k.key}>
                {k.value}
              </CardTitle>
            </CardHeader>
            {k.hint ? <CardContent className="px-4 text-xs text-muted-foreground">{k.hint}</CardContent> : null}
          </Card>
        ))}
      </div>

      <Card className="gap-3">
        <CardHeader className="flex flex-row items-start justify-between gap-4">
          <div className="grid gap-1">
            <CardTitle>{t("versions.title")}</CardTitle>
            <CardDescription>{t("versions.hint")}</CardDescription>
          </div>
          {csvLink("versions")}
        </CardHeader>
        <CardContent>
          {figures.versions.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("versions.empty")}</p>
          ) : (
            <Table data-testid="bot-versions">
              <TableHeader>
                <TableRow>
                  <TableHead>{t("versions.version")}</TableHead>
                  <TableHead className="text-right">{t("versions.started")}</TableHead>
                  <TableHead className="text-right">{t("versions.contained")}</TableHead>
                  <TableHead className="text-right">{t("versions.handedOff")}</TableHead>
                  <TableHead className="text-right">{t("versions.abandoned")}</TableHead>
                  <TableHead className="text-right">{t("versions.rate")}</TableHead>
                  <TableHead className="text-right">{t("versions.median")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {figures.versions.map((v) => (
                  <TableRow key={v.versionId}>
                    <TableCell className="font-medium">
                      {figures.flow ? null : <span className="text-muted-foreground">{v.flowName} · </span>}v{v.number}{" "}
                      {v.active ? <Badge variant="secondary">{t("versions.active")}</Badge> : null}
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(v.started)}</TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(v.contained)}</TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(v.handedOff)}</TableCell>
                    <TableCell className="text-right tabular-nums">{format.number(v.abandoned)}</TableCell>
                    <TableCell className="text-right font-medium tabular-nums">{pct(v.containmentRate)}</TableCell>
                    <TableCell className="text-right tabular-nums">{duration(v.medianSecondsToContainment)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-[2fr_1fr]">
        <Card className="gap-3">
          <CardHeader className="flex flex-row items-start justify-between gap-4">
            <div className="grid gap-1">
              <CardTitle>{t("days.title")}</CardTitle>
              <CardDescription>{t("days.hint", { timeZone: figures.range.timeZone })}</CardDescription>
            </div>
            {csvLink("days")}
          </CardHeader>
          <CardContent>
            <BotDaysChart days={figures.days} />
          </CardContent>
        </Card>
        <Card className="gap-3">
          <CardHeader className="flex flex-row items-start justify-between gap-4">
            <CardTitle>{t("handoffs.title")}</CardTitle>
            {csvLink("handoffs")}
          </CardHeader>
          <CardContent>
            {figures.handoffNodes.length === 0 ? (
              <p className="text-sm text-muted-foreground">{t("handoffs.empty")}</p>
            ) : (
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("handoffs.node")}</TableHead>
                    <TableHead className="text-right">{t("handoffs.count")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {figures.handoffNodes.slice(0, 10).map((n) => (
                    <TableRow key={`${n.flowId}/${n.version}/${n.nodeId}`}>
                      <TableCell className="max-w-56 truncate">
                        {n.nodeId ? (
                          <>
                            <span className="font-medium">{n.label ?? typeName(n.type) ?? n.nodeId}</span>
                            <span className="text-muted-foreground"> · {typeName(n.type) ?? n.nodeId} · v{n.version}</span>
                          </>
                        ) : (
                          <span className="text-muted-foreground">{t("handoffs.unknownNode")}</span>
                        )}
                      </TableCell>
                      <TableCell className="text-right tabular-nums">{format.number(n.handoffs)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
