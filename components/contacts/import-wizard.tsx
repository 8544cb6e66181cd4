"use client";

import { CheckCircle2, FileUp, Loader2, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { toast } from "sonner";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { apiFetch } from "@/lib/api-client";
import { cn } from "@/lib/utils";
import type { ImportPreview } from "@/lib/contacts/import";

type Channel = { id: string; name: string; displayNumber: string; isDefault: boolean };
type Preview = ImportPreview;

/**
 * CSV import in two steps: the file is checked (every row's problems shown, nothing stored),
 * then imported whole once it has none. A file with errors is fixed and chosen again.
 */
export function ImportWizard({ channels, fieldKeys }: { channels: Channel[]; fieldKeys: string[] }) {
  const t = useTranslations("contacts");
  const id = useId();
  const [channelId, setChannelId] = useState(channels.find((c) => c.isDefault)?.id ?? channels[0]?.id ?? "");
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  const [done, setDone] = useState<Preview["summary"] | null>(null);

  async function check(text: string, channel: string) {
    setBusy("preview");
    setPreview(null);
    setDone(null);
    try {
      const { preview: p } = await apiFetch<{ preview: Preview }>("/api/contacts/import/preview", { method: "POST", json: { channelId: channel, csv: text } });
      setPreview(p);
      if (p.summary.invalid > 0 || p.fileErrors.length > 0) toast.warning(t("import.hasErrors", { count: p.summary.invalid }));
    } catch (e) {
      toast.error(t("import.previewFailed"), { description: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  async function choose(file: File | undefined) {
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    setCsv(text);
    await check(text, channelId);
  }

  async function confirm() {
    if (!csv) return;
    setBusy("import");
    try {
      const { imported } = await apiFetch<{ imported: Preview["summary"] }>("/api/contacts/import", { method: "POST", json: { channelId, csv } });
      setDone(imported);
      setPreview(null);
      setCsv(null);
      toast.success(t("import.done", { count: imported.total }));
    } catch (e) {
      toast.error(t("import.failed"), { description: (e as Error).message });
    } finally {
      setBusy(null);
    }
  }

  const blocked = !preview || preview.summary.invalid > 0 || preview.fileErrors.length > 0 || preview.summary.total === 0;
  return (
    <section className="grid max-w-5xl gap-4 p-6">
      <div className="grid gap-3 rounded-md border p-4 sm:grid-cols-2">
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-channel`}>{t("import.channel")}</Label>
          <select
            id={`${id}-channel`}
            value={channelId}
            onChange={(e) => {
              setChannelId(e.target.value);
              if (csv) void check(csv, e.target.value);
            }}
            className="h-9 rounded-md border border-input bg-transparent px-2 text-sm shadow-xs outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {channels.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.displayNumber})
              </option>
            ))}
          </select>
          <p className="text-xs text-muted-foreground">{t("import.channelHint")}</p>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-file`}>{t("import.file")}</Label>
          <Input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            data-testid="import-file"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = "";
            }}
          />
          <p className="text-xs text-muted-foreground">{t("import.format", { fields: fieldKeys.length ? fieldKeys.join(", ") : "—" })}</p>
        </div>
      </div>

      {busy === "preview" && (
        <p className="flex items-center gap-2 text-sm text-muted-foreground">
          <Loader2 className="size-4 animate-spin" />
          {t("import.checking")}
        </p>
      )}

      {done && (
        <Alert data-testid="import-done">
          <CheckCircle2 />
          <AlertTitle>{t("import.done", { count: done.total })}</AlertTitle>
          <AlertDescription>
            {t("import.doneDetail", { created: done.create, updated: done.update })}{" "}
            <Link href="/contacts" className="text-primary hover:underline">
              {t("import.seeContacts")}
            </Link>
          </AlertDescription>
        </Alert>
      )}

      {preview && (
        <div className="grid gap-3" data-testid="import-preview">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <FileUp className="size-4 text-muted-foreground" />
            <span className="font-medium">{fileName}</span>
            <Badge variant="secondary">{t("import.rows", { count: preview.summary.total })}</Badge>
            <Badge variant="success">{t("import.toCreate", { count: preview.summary.create })}</Badge>
            <Badge variant="secondary">{t("import.toUpdate", { count: preview.summary.update })}</Badge>
            {preview.summary.invalid > 0 && <Badge variant="destructive" data-testid="import-invalid-count">{t("import.invalid", { count: preview.summary.invalid })}</Badge>}
            {preview.summary.newTags.length > 0 && <span className="text-muted-foreground">{t("import.newTags", { tags: preview.summary.newTags.join(", ") })}</span>}
          </div>
          {preview.fileErrors.length > 0 && (
            <Alert variant="destructive">
              <TriangleAlert />
              <AlertTitle>{t("import.fileProblems")}</AlertTitle>
              <AlertDescription>
                <ul className="list-disc pl-4">
                  {preview.fileErrors.map((e) => (
                    <li key={`${e.reason}-${e.column ?? ""}`}>{t(`import.fileError.${e.reason}`, { column: e.column ?? "" })}</li>
                  ))}
                </ul>
              </AlertDescription>
            </Alert>
          )}
          <div className="max-h-[50vh] overflow-y-auto rounded-md border">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead className="w-16">{t("import.line")}</TableHead>
                  <TableHead>{t("list.phone")}</TableHead>
                  <TableHead>{t("list.name")}</TableHead>
                  <TableHead>{t("import.values")}</TableHead>
                  <TableHead>{t("import.result")}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.rows.map((row) => (
                  <TableRow key={row.line} className={cn(row.errors.length > 0 && "bg-destructive/5")} data-testid="import-row" data-line={row.line}>
                    <TableCell className="tabular-nums">{row.line}</TableCell>
                    <TableCell className="tabular-nums">{row.phone}</TableCell>
                    <TableCell>{row.name ?? ""}</TableCell>
                    <TableCell className="max-w-64 truncate text-xs text-muted-foreground">
                      {[...Object.entries(row.fields).map(([k, v]) => `${k}: ${v}`), ...row.tags.map((tag) => `#${tag}`)].join(" · ")}
                    </TableCell>
                    <TableCell>
                      {row.errors.length > 0 ? (
                        <ul className="grid gap-0.5 text-xs text-destructive" data-testid="import-row-errors">
                          {row.errors.map((e) => (
                            <li key={`${e.column}-${e.reason}`}>
                              <span className="font-mono">{e.column}</span>: {t.has(`problem.${e.reason}`) ? t(`problem.${e.reason}`) : e.message}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <span className="text-xs text-muted-foreground">{row.action === "update" ? t("import.willUpdate") : t("import.willCreate")}</span>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
          {preview.summary.valid > preview.rows.filter((r) => r.errors.length === 0).length && (
            <p className="text-xs text-muted-foreground">{t("import.moreRows", { count: preview.summary.valid - preview.rows.filter((r) => r.errors.length === 0).length })}</p>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <Button onClick={confirm} disabled={blocked || busy !== null} data-testid="import-confirm">
              {busy === "import" && <Loader2 className="animate-spin" />}
              {t("import.confirm", { count: preview.summary.valid })}
            </Button>
            {!blocked ? null : <p className="text-sm text-muted-foreground">{t("import.fixFirst")}</p>}
          </div>
        </div>
      )}
    </section>
  );
}
