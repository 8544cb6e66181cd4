"use client";

import { Download } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SatisfactionFigures, SatisfactionReport } from "@/lib/analytics/satisfaction";

export function CsvLink({ href }: { href: string }) {
  const t = useTranslations("analytics.satisfaction");
  return (
    <a href={href} download className="inline-flex items-center gap-1 text-xs font-medium text-muted-foreground hover:text-foreground">
      <Download className="size-3.5" />
      {t("downloadCsv")}
    </a>
  );
}

export function usePercent() {
  const format = useFormatter();
  return (value: number | null) => (value === null ? "—" : format.number(value, { style: "percent", maximumFractionDigits: 0 }));
}

/** An average score in the reader's language: "4,50" in es/pt, "4.50" in en. */
export function useScore() {
  const format = useFormatter();
  return (value: number | null) => (value === null ? "—" : format.number(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
}

/** Per agent or per queue: who or which, answers of surveys, response rate, average, satisfied. */
export function FiguresTable({
  title,
  rows,
  csvHref,
  testId,
}: {
  title: string;
  rows: { key: string; name: string | null; figures: SatisfactionFigures }[];
  csvHref: string;
  testId: string;
}) {
  const t = useTranslations("analytics.satisfaction");
  const percent = usePercent();
  const score = useScore();
  return (
    <Card className="gap-3 py-4">
      <CardHeader className="px-4">
        <CardTitle className="text-sm">{title}</CardTitle>
        <CardAction>
          <CsvLink href={csvHref} />
        </CardAction>
      </CardHeader>
      <CardContent className="px-4">
        <Table data-testid={testId}>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead className="text-right">{t("answered")}</TableHead>
              <TableHead className="text-right">{t("responseRate")}</TableHead>
              <TableHead className="text-right">{t("average")}</TableHead>
              <TableHead className="text-right">{t("satisfied")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map(({ key, name, figures }) => (
              <TableRow key={key}>
                <TableCell className="font-medium">{name ?? t("noName")}</TableCell>
                <TableCell className="text-right tabular-nums">{t("answeredOf", { answered: figures.answered, sent: figures.sent })}</TableCell>
                <TableCell className="text-right tabular-nums">{percent(figures.responseRate)}</TableCell>
                <TableCell className="text-right tabular-nums">{score(figures.average)}</TableCell>
                <TableCell className="text-right tabular-nums">{percent(figures.satisfied)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

/** The newest comments: when, score, the words, and the conversation (by protocol) with its agent and queue. */
export function CommentsList({ comments, csvHref, shown }: { comments: SatisfactionReport["comments"]; csvHref: string; shown: number }) {
  const t = useTranslations("analytics.satisfaction");
  const format = useFormatter();
  return (
    <Card className="gap-3 py-4">
      <CardHeader className="px-4">
        <CardTitle className="text-sm">{t("comments")}</CardTitle>
        <CardDescription>{t("commentsHint", { count: shown })}</CardDescription>
        <CardAction>
          <CsvLink href={csvHref} />
        </CardAction>
      </CardHeader>
      <CardContent className="px-4">
        {comments.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("noComments")}</p>
        ) : (
          <ul className="grid gap-3" data-testid="csat-comments">
            {comments.map((c) => (
              <li key={c.conversationId} className="grid gap-1 border-b pb-3 last:border-0 last:pb-0">
                <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                  <ScoreBadge scale={c.scale} score={c.score} />
                  <span>{format.dateTime(new Date(c.commentedAt), { dateStyle: "medium", timeStyle: "short" })}</span>
                  <span>·</span>
                  <Link className="font-mono underline-offset-2 hover:underline" href={`/protocols/${c.protocol}`}>
                    {c.protocol}
                  </Link>
                  {c.agentName && <span>· {c.agentName}</span>}
                  {c.queueName && <span>· {c.queueName}</span>}
                </div>
                <p className="text-sm whitespace-pre-wrap">{c.comment}</p>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function ScoreBadge({ scale, score }: { scale: "five" | "faces"; score: number | null }) {
  const t = useTranslations("analytics.satisfaction");
  if (score === null) return null;
  return <Badge variant="secondary">{scale === "faces" ? t(`faces.${score as 1 | 2 | 3}`) : `${score}/5`}</Badge>;
}
